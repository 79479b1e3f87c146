# The fewest API writes that restore an archive's content into an empty environment, computed from the
# archive itself (model/workflows.ndjson, then content/variants.ndjson, as raw inputs tagged by the caller):
#   draft in any non-special step (due date included)       1  upsert with workflow and due_date
#   scheduled to publish                                    2  upsert into a step that leads to Published, schedule
#   published                                               2  upsert, publish
#   published and scheduled to unpublish                    3  upsert, publish, schedule unpublish
#   archived                                                2  upsert, change workflow to Archived
#   a published version under a newer version            + 3  upsert the published content, publish, new version
# Input: objects {"w": workflow} for each workflow, then {"v": variant record} for each variant record.
reduce inputs as $in ({special: {}, groups: {}};
  if $in.w then
    .special[$in.w.published_step.id] = "published"
    | .special[$in.w.archived_step.id] = "archived"
    | .special[$in.w.scheduled_step.id] = "scheduled"
  else
    ($in.v.variant) as $v
    | ($v.item.id + "/" + $v.language.id) as $key
    | if $in.v.kbulk.version == "published" then .groups[$key].published = true
      else .groups[$key].step = (.special[$v.workflow.step_identifier.id] // "custom")
        | .groups[$key].unpublish = ($v.schedule.unpublish_time != null)
      end
  end)
| [.groups[] |
    (if .step == "published" then (if .unpublish then 3 else 2 end)
     elif .step == "scheduled" or .step == "archived" then 2
     else 1 end) + (if .published and .step != "published" then 3 else 0 end)]
| {variants: length, variant_writes: add}
