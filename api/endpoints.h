// Typed requests for every route kbulk uses, built from References (id, codename or external id; path
// segments URL-encoded). Each returns a Request to pass to ManagementClient::Send or ListAll; list
// routes name the array key to hand to ListAll. Pure functions: no I/O.
#pragma once

#include <string>
#include <string_view>

#include "api/management_client.h"
#include "core/reference.h"

namespace kbulk::api::endpoints {

// URL-encodes one path segment (RFC 3986 unreserved characters stay; everything else %XX).
std::string EncodeSegment(std::string_view segment);

// A list route and the key of its array in the response body.
struct ListRequest {
  Request request;
  std::string array_key;  // empty when the body is the array itself (e.g. workflows, webhooks)
};

// Environment
Request GetEnvironment();
Request RenameEnvironment(std::string_view json_patch_body);
Request DeleteEnvironment();
Request CloneEnvironment(std::string_view body);
Request GetCloningState();
Request MarkAsProduction(std::string_view body);

// Model
ListRequest ListLanguages();
Request GetLanguage(const Reference& language);
Request AddLanguage(std::string_view body);
Request ModifyLanguage(const Reference& language, std::string_view patch);
Request ListCollections();  // body {"collections": [...], "last_modified": ...}
Request ModifyCollections(std::string_view patch);
ListRequest ListSpaces();
Request AddSpace(std::string_view body);
Request ModifySpace(const Reference& space, std::string_view patch);
ListRequest ListTaxonomies();
Request AddTaxonomy(std::string_view body);
Request ModifyTaxonomy(const Reference& group, std::string_view patch);
Request ListAssetFolders();  // body {"folders": [...], "last_modified": ...}
Request AddAssetFolders(std::string_view body);
Request ModifyAssetFolders(std::string_view patch);
ListRequest ListSnippets();
Request AddSnippet(std::string_view body);
Request ModifySnippet(const Reference& snippet, std::string_view patch);
ListRequest ListTypes();
Request GetType(const Reference& type);
Request AddType(std::string_view body);
Request ModifyType(const Reference& type, std::string_view patch);
ListRequest ListWorkflows();
Request AddWorkflow(std::string_view body);
Request UpdateWorkflow(const Reference& workflow, std::string_view body);
ListRequest ListRoles();
ListRequest ListWebhooks();  // webhooks-vnext
Request AddWebhook(std::string_view body);
Request GetPreviewConfiguration();
Request ModifyPreviewConfiguration(std::string_view body);

// Assets and binaries
ListRequest ListAssets();
Request GetAsset(const Reference& asset);
Request UpsertAsset(const Reference& asset, std::string_view body);
Request AddAsset(std::string_view body);
Request DeleteAsset(const Reference& asset);
ListRequest ListRenditions(const Reference& asset);
Request AddRendition(const Reference& asset, std::string_view body);

// Items and variants
ListRequest ListItems();
Request GetItem(const Reference& item);
Request UpsertItem(const Reference& item, std::string_view body);
Request AddItem(std::string_view body);
Request DeleteItem(const Reference& item);
Request GetVariant(const Reference& item, const Reference& language);
Request GetPublishedVariant(const Reference& item, const Reference& language);
Request UpsertVariant(const Reference& item, const Reference& language, std::string_view body);
Request DeleteVariant(const Reference& item, const Reference& language);
ListRequest ListItemVariants(const Reference& item);  // body is the array
ListRequest ListVariantsByType(const Reference& type);
ListRequest ListComponentsByType(const Reference& type);
ListRequest ListVariantsByCollection(const Reference& collection);
ListRequest ListVariantsBySpace(const Reference& space);
Request CreateNewVersion(const Reference& item, const Reference& language);
Request ChangeWorkflow(const Reference& item, const Reference& language, std::string_view body);
Request Publish(const Reference& item, const Reference& language, std::string_view body);  // empty body = now
Request CancelScheduledPublish(const Reference& item, const Reference& language);
Request Unpublish(const Reference& item, const Reference& language, std::string_view body);
Request CancelScheduledUnpublish(const Reference& item, const Reference& language);

// Content validation
Request StartValidation();
Request GetValidationTask(std::string_view task_id);
ListRequest ListValidationIssues(std::string_view task_id);

}  // namespace kbulk::api::endpoints
