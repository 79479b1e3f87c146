// Content model routes: languages, collections, spaces, taxonomy groups, asset folders, snippets,
// content types, workflows, roles, webhooks (webhooks-vnext) and the preview configuration.
#pragma once

#include <string_view>

#include "api/endpoints/path.h"

namespace kbulk::api::endpoints {

ListRequest ListLanguages();
Request GetLanguage(const Reference& language);
Request AddLanguage(std::string_view body);
Request ModifyLanguage(const Reference& language, std::string_view patch);

Request ListCollections();  // body {"collections": [...], "last_modified": ...}
Request ModifyCollections(std::string_view patch);

ListRequest ListSpaces();  // body is the array
Request GetSpace(const Reference& space);
Request AddSpace(std::string_view body);
Request ModifySpace(const Reference& space, std::string_view patch);
Request DeleteSpace(const Reference& space);

ListRequest ListTaxonomies();
Request GetTaxonomy(const Reference& group);
Request AddTaxonomy(std::string_view body);
Request ModifyTaxonomy(const Reference& group, std::string_view patch);
Request DeleteTaxonomy(const Reference& group);

Request ListAssetFolders();  // body {"folders": [...], "last_modified": ...}
Request AddAssetFolders(std::string_view body);
Request ModifyAssetFolders(std::string_view patch);

ListRequest ListSnippets();
Request GetSnippet(const Reference& snippet);
Request AddSnippet(std::string_view body);
Request ModifySnippet(const Reference& snippet, std::string_view patch);
Request DeleteSnippet(const Reference& snippet);

ListRequest ListTypes();
Request GetType(const Reference& type);
Request AddType(std::string_view body);
Request ModifyType(const Reference& type, std::string_view patch);
Request DeleteType(const Reference& type);

ListRequest ListWorkflows();  // body is the array
Request AddWorkflow(std::string_view body);
Request UpdateWorkflow(const Reference& workflow, std::string_view body);
Request DeleteWorkflow(const Reference& workflow);

ListRequest ListRoles();  // body {"roles": [...]}
Request GetRole(const Reference& role);

ListRequest ListWebhooks();  // webhooks-vnext; body is the array
Request GetWebhook(const Reference& webhook);
Request AddWebhook(std::string_view body);
Request DeleteWebhook(const Reference& webhook);
Request EnableWebhook(const Reference& webhook);
Request DisableWebhook(const Reference& webhook);

// Legacy webhooks (GET /webhooks): deprecated, answered by older environments only; body is the array.
ListRequest ListLegacyWebhooks();

// Web Spotlight status (GET /web-spotlight/status): not in the spec, deprecated in SDK 8.5.1, still called
// by data-ops 2.6.2; body {"enabled": bool, "root_type": {"id": ...} | null}.
Request GetWebSpotlightStatus();

Request GetPreviewConfiguration();
Request ModifyPreviewConfiguration(std::string_view body);

}  // namespace kbulk::api::endpoints
