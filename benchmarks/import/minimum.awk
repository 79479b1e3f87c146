# The fewest API writes that restore an archive's variants into an empty environment, by archived state:
#   draft in any regular step (due date included)           1  upsert with workflow and due_date
#   scheduled to publish                                    2  upsert into a step that leads to Published, schedule
#   published                                               2  upsert, publish
#   published and scheduled to unpublish                    3  upsert, publish, schedule unpublish
#   archived                                                2  upsert, change workflow to Archived
#   a published version under a newer version            + 3  upsert the published content, publish, new version
# Input: one line per variant record, tab-separated: item/language key, "latest"|"published", the latest
# version's step kind (published, scheduled, archived, custom), "true" when an unpublish is scheduled.
# Linear in the records (one array entry per variant).
BEGIN { FS = "\t" }
$2 == "published" { published[$1] = 1; next }
{ step[$1] = $3; unpublish[$1] = $4 }
END {
  n = 0; total = 0
  for (k in step) {
    if (step[k] == "published") w = (unpublish[k] == "true") ? 3 : 2
    else if (step[k] == "scheduled" || step[k] == "archived") w = 2
    else w = 1
    if ((k in published) && step[k] != "published") w += 3
    n++; total += w
  }
  printf "{\"variants\":%d,\"variant_writes\":%d}\n", n, total
}
