// The sample's model objects other than snippets and types: languages, collections, spaces, taxonomy
// groups, asset folders, roles, workflows, a webhook and the preview configuration. Written as the API
// returns them, with "{{path}}" standing for the sample's deterministic ids.
#include <string>

#include "emulator/seeds/sample.h"
#include "emulator/seeds/sample_ids.h"

namespace kbulk::emulator::sample {

std::string Expand(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 256);
  std::size_t pos = 0;
  while (true) {
    std::size_t open = text.find("{{", pos);
    if (open == std::string_view::npos) break;
    std::size_t close = text.find("}}", open + 2);
    if (close == std::string_view::npos) break;
    out.append(text.substr(pos, open - pos));
    out.append(Id(text.substr(open + 2, close - open - 2)));
    pos = close + 2;
  }
  out.append(text.substr(pos));
  return out;
}

namespace {

Status PutAll(SeedSink& sink, EntityKind kind, std::initializer_list<std::string_view> templates) {
  for (std::string_view t : templates) KBULK_RETURN_IF_ERROR(sink.Put(kind, Expand(t)));
  return Status::Ok();
}

}  // namespace

Status PutLanguagesCollectionsSpaces(SeedSink& sink) {
  if (Status s = PutAll(
          sink, EntityKind::kLanguage,
          {R"~({"id":"{{language/en-US}}","name":"English (United States)","codename":"en-US","is_active":true,
           "is_default":true,"fallback_language":{"id":"{{language/en-US}}"}})~",
           R"~({"id":"{{language/de-DE}}","name":"German (Germany)","codename":"de-DE","is_active":true,
           "is_default":false,"fallback_language":{"id":"{{language/en-US}}"}})~",
           R"~({"id":"{{language/cs-CZ}}","name":"Czech (Czechia)","codename":"cs-CZ","external_id":"language-cs",
           "is_active":true,"is_default":false,"fallback_language":{"id":"{{language/de-DE}}"}})~"});
      !s.ok())
    return s;
  if (Status s =
          PutAll(sink, EntityKind::kCollection,
                 {R"({"id":"{{collection/default}}","name":"Default","codename":"default"})",
                  R"({"id":"{{collection/marketing}}","name":"Marketing","codename":"marketing",
           "external_id":"collection-marketing"})",
                  R"({"id":"{{collection/knowledge_base}}","name":"Knowledge base","codename":"knowledge_base"})"});
      !s.ok())
    return s;
  // No web_spotlight_root_item: it would reference an item, and items come after spaces.
  return PutAll(sink, EntityKind::kSpace,
                {R"({"id":"{{space/website}}","name":"Website","codename":"website","web_spotlight_root_item":null,
                     "collections":[{"id":"{{collection/default}}"},{"id":"{{collection/marketing}}"}]})",
                 R"({"id":"{{space/help_center}}","name":"Help center","codename":"help_center",
                     "web_spotlight_root_item":null,"collections":[{"id":"{{collection/knowledge_base}}"}]})"});
}

Status PutTaxonomiesAndFolders(SeedSink& sink) {
  if (Status s = PutAll(
          sink, EntityKind::kTaxonomyGroup,
          {R"({"last_modified":"2026-01-15T10:00:00Z","id":"{{taxonomy/topics}}","name":"Topics","codename":"topics",
           "external_id":"taxonomy-topics","terms":[
         {"id":"{{term/topics/coffee}}","name":"Coffee","codename":"coffee","terms":[
           {"id":"{{term/topics/brewing}}","name":"Brewing","codename":"brewing","terms":[
             {"id":"{{term/topics/espresso}}","name":"Espresso","codename":"espresso","external_id":"term-espresso",
              "terms":[]},
             {"id":"{{term/topics/pour_over}}","name":"Pour-over","codename":"pour_over","terms":[]}]},
           {"id":"{{term/topics/roasting}}","name":"Roasting","codename":"roasting","terms":[]}]},
         {"id":"{{term/topics/tea}}","name":"Tea","codename":"tea","terms":[]}]})",
           R"({"last_modified":"2026-01-15T10:00:00Z","id":"{{taxonomy/audiences}}","name":"Audiences",
           "codename":"audiences","terms":[
         {"id":"{{term/audiences/beginners}}","name":"Beginners","codename":"beginners","terms":[]},
         {"id":"{{term/audiences/professionals}}","name":"Professionals","codename":"professionals","terms":[]}]})"});
      !s.ok())
    return s;
  return PutAll(sink, EntityKind::kAssetFolder, {R"({"folders":[
      {"id":"{{folder/images}}","name":"Images","codename":"images","folders":[
        {"id":"{{folder/products}}","name":"Products","codename":"products","folders":[
          {"id":"{{folder/coffee_shots}}","name":"Coffee shots","codename":"coffee_shots","folders":[]}]}]},
      {"id":"{{folder/documents}}","name":"Documents","codename":"documents","external_id":"folder-documents",
       "folders":[]}],
    "last_modified":"2026-01-15T10:00:00Z"})"});
}

Status PutRolesWorkflowsWebhooksPreview(SeedSink& sink) {
  if (Status s = PutAll(sink, EntityKind::kRole,
                        {R"({"id":"{{role/project_manager}}","name":"Project manager","codename":"project-manager"})",
                         R"({"id":"{{role/editor}}","name":"Editor"})"});
      !s.ok())
    return s;
  // The default workflow serves everything outside the editorial scope; Review is its custom step.
  if (Status s = PutAll(sink, EntityKind::kWorkflow,
                        {R"({"id":"{{workflow/default}}","name":"Default","codename":"default","scopes":[],"steps":[
         {"id":"{{step/default/draft}}","name":"Draft","codename":"draft","color":"sky-blue","transitions_to":[
           {"step":{"id":"{{step/default/review}}"}},{"step":{"id":"c199950d-99f0-4983-b711-6c4c91624b22"}},
           {"step":{"id":"7a535a69-ad34-47f8-806a-def1fdf4d391"}}],"role_ids":[]},
         {"id":"{{step/default/review}}","name":"Review","codename":"review","color":"yellow","transitions_to":[
           {"step":{"id":"{{step/default/draft}}"}},{"step":{"id":"c199950d-99f0-4983-b711-6c4c91624b22"}},
           {"step":{"id":"7a535a69-ad34-47f8-806a-def1fdf4d391"}}],"role_ids":["{{role/editor}}"]}],
       "published_step":{"id":"c199950d-99f0-4983-b711-6c4c91624b22","name":"Published","codename":"published",
         "unpublish_role_ids":["{{role/project_manager}}"],"create_new_version_role_ids":[]},
       "scheduled_step":{"id":"9d2b0228-4d0d-4c23-8b49-01a698857709","name":"Scheduled","codename":"scheduled"},
       "archived_step":{"id":"7a535a69-ad34-47f8-806a-def1fdf4d391","name":"Archived","codename":"archived",
         "role_ids":[]}})",
                         R"({"id":"{{workflow/editorial}}","name":"Editorial","codename":"editorial","scopes":[
         {"content_types":[{"id":"{{type/article}}"}],"collections":[{"id":"{{collection/marketing}}"}]}],"steps":[
         {"id":"{{step/editorial/writing}}","name":"Writing","codename":"writing","color":"red","transitions_to":[
           {"step":{"id":"{{step/editorial/legal_check}}"}},{"step":{"id":"7a535a69-ad34-47f8-806a-def1fdf4d391"}}],
          "role_ids":["{{role/editor}}","{{role/project_manager}}"]},
         {"id":"{{step/editorial/legal_check}}","name":"Legal check","codename":"legal_check","color":"dark-purple",
          "transitions_to":[{"step":{"id":"{{step/editorial/writing}}"}},
           {"step":{"id":"c199950d-99f0-4983-b711-6c4c91624b22"}}],"role_ids":["{{role/project_manager}}"]}],
       "published_step":{"id":"c199950d-99f0-4983-b711-6c4c91624b22","name":"Published","codename":"published",
         "unpublish_role_ids":["{{role/project_manager}}"],"create_new_version_role_ids":["{{role/editor}}"]},
       "scheduled_step":{"id":"9d2b0228-4d0d-4c23-8b49-01a698857709","name":"Scheduled","codename":"scheduled"},
       "archived_step":{"id":"7a535a69-ad34-47f8-806a-def1fdf4d391","name":"Archived","codename":"archived",
         "role_ids":["{{role/project_manager}}"]}})"});
      !s.ok())
    return s;
  if (Status s = PutAll(
          sink, EntityKind::kWebhook,
          {R"({"id":"{{webhook/publishing}}","name":"Publishing notifications","url":"https://hooks.example.com/kbulk",
         "secret":"c2FtcGxlIHNlY3JldCwgbm90IGEgcmVhbCBvbmU=","headers":[{"key":"X-Source","value":"kbulk-sample"}],
         "enabled":true,"last_modified":"2026-01-15T10:00:00Z","health_status":"unknown","delivery_triggers":{
           "slot":"published","events":"specific",
           "content_type":{"enabled":true,"actions":[{"action":"changed"},{"action":"created"}],
             "filters":{"content_types":[{"id":"{{type/article}}"}]}},
           "content_item":{"enabled":true,"actions":[{"action":"published","transition_to":null},
               {"action":"unpublished","transition_to":null}],
             "filters":{"collections":[{"id":"{{collection/marketing}}"}],"content_types":[{"id":"{{type/article}}"}],
               "languages":[{"id":"{{language/de-DE}}"}]}},
           "taxonomy":{"enabled":true,"actions":[{"action":"term_changed"}],
             "filters":{"taxonomies":[{"id":"{{taxonomy/topics}}"}]}},
           "asset":{"enabled":false,"actions":[{"action":"created"}]},
           "language":{"enabled":true,"actions":[{"action":"created"},{"action":"changed"}],
             "filters":{"languages":[]}}}})"});
      !s.ok())
    return s;
  return PutAll(sink, EntityKind::kPreviewConfiguration, {R"({
      "space_domains":[{"space":{"id":"{{space/website}}"},"domain":"www.example.com"},
                       {"space":{"id":"{{space/help_center}}"},"domain":"help.example.com"}],
      "preview_url_patterns":[
        {"content_type":{"id":"{{type/article}}"},"url_patterns":[
          {"space":{"id":"{{space/website}}"},"url_pattern":"https://{Space}/articles/{Codename}"},
          {"space":null,"url_pattern":"https://preview.example.com/{Lang}/articles/{Codename}"}]},
        {"content_type":{"id":"{{type/landing_page}}"},"url_patterns":[
          {"space":{"id":"{{space/website}}"},"url_pattern":"https://{Space}/{Codename}"}]}]})"});
}

}  // namespace kbulk::emulator::sample
