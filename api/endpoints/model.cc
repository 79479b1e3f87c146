// Content model routes. Identifier segments are URL-encoded; PATCH bodies are JSON-patch arrays.
#include "api/endpoints/model.h"

namespace kbulk::api::endpoints {
namespace {

std::string Under(std::string_view base, const Reference& r) {
  return std::string(base) + "/" + Segment(r);
}

}  // namespace

ListRequest ListLanguages() {
  return MakeList("/languages", "/languages", "languages", "languages");
}

Request GetLanguage(const Reference& r) {
  return MakeRequest(Method::kGet, Under("/languages", r), "/languages/{id}", Describe("language", r));
}

Request AddLanguage(std::string_view body) {
  return MakeRequest(Method::kPost, "/languages", "/languages", "new language", body);
}

Request ModifyLanguage(const Reference& r, std::string_view patch) {
  return MakeRequest(Method::kPatch, Under("/languages", r), "/languages/{id}", Describe("language", r), patch);
}

Request ListCollections() {
  return MakeRequest(Method::kGet, "/collections", "/collections", "collections");
}

Request ModifyCollections(std::string_view patch) {
  return MakeRequest(Method::kPatch, "/collections", "/collections", "collections", patch);
}

ListRequest ListSpaces() {
  return MakeList("/spaces", "/spaces", "spaces", "");
}

Request GetSpace(const Reference& r) {
  return MakeRequest(Method::kGet, Under("/spaces", r), "/spaces/{id}", Describe("space", r));
}

Request AddSpace(std::string_view body) {
  return MakeRequest(Method::kPost, "/spaces", "/spaces", "new space", body);
}

Request ModifySpace(const Reference& r, std::string_view patch) {
  return MakeRequest(Method::kPatch, Under("/spaces", r), "/spaces/{id}", Describe("space", r), patch);
}

Request DeleteSpace(const Reference& r) {
  return MakeRequest(Method::kDelete, Under("/spaces", r), "/spaces/{id}", Describe("space", r));
}

ListRequest ListTaxonomies() {
  return MakeList("/taxonomies", "/taxonomies", "taxonomy groups", "taxonomies");
}

Request GetTaxonomy(const Reference& r) {
  return MakeRequest(Method::kGet, Under("/taxonomies", r), "/taxonomies/{id}", Describe("taxonomy group", r));
}

Request AddTaxonomy(std::string_view body) {
  return MakeRequest(Method::kPost, "/taxonomies", "/taxonomies", "new taxonomy group", body);
}

Request ModifyTaxonomy(const Reference& r, std::string_view patch) {
  return MakeRequest(Method::kPatch, Under("/taxonomies", r), "/taxonomies/{id}", Describe("taxonomy group", r), patch);
}

Request DeleteTaxonomy(const Reference& r) {
  return MakeRequest(Method::kDelete, Under("/taxonomies", r), "/taxonomies/{id}", Describe("taxonomy group", r));
}

Request ListAssetFolders() {
  return MakeRequest(Method::kGet, "/folders", "/folders", "asset folders");
}

Request AddAssetFolders(std::string_view body) {
  return MakeRequest(Method::kPost, "/folders", "/folders", "asset folders", body);
}

Request ModifyAssetFolders(std::string_view patch) {
  return MakeRequest(Method::kPatch, "/folders", "/folders", "asset folders", patch);
}

ListRequest ListSnippets() {
  return MakeList("/snippets", "/snippets", "content type snippets", "snippets");
}

Request GetSnippet(const Reference& r) {
  return MakeRequest(Method::kGet, Under("/snippets", r), "/snippets/{id}", Describe("snippet", r));
}

Request AddSnippet(std::string_view body) {
  return MakeRequest(Method::kPost, "/snippets", "/snippets", "new snippet", body);
}

Request ModifySnippet(const Reference& r, std::string_view patch) {
  return MakeRequest(Method::kPatch, Under("/snippets", r), "/snippets/{id}", Describe("snippet", r), patch);
}

Request DeleteSnippet(const Reference& r) {
  return MakeRequest(Method::kDelete, Under("/snippets", r), "/snippets/{id}", Describe("snippet", r));
}

ListRequest ListTypes() {
  return MakeList("/types", "/types", "content types", "types");
}

Request GetType(const Reference& r) {
  return MakeRequest(Method::kGet, Under("/types", r), "/types/{id}", Describe("content type", r));
}

Request AddType(std::string_view body) {
  return MakeRequest(Method::kPost, "/types", "/types", "new content type", body);
}

Request ModifyType(const Reference& r, std::string_view patch) {
  return MakeRequest(Method::kPatch, Under("/types", r), "/types/{id}", Describe("content type", r), patch);
}

Request DeleteType(const Reference& r) {
  return MakeRequest(Method::kDelete, Under("/types", r), "/types/{id}", Describe("content type", r));
}

ListRequest ListWorkflows() {
  return MakeList("/workflows", "/workflows", "workflows", "");
}

Request AddWorkflow(std::string_view body) {
  return MakeRequest(Method::kPost, "/workflows", "/workflows", "new workflow", body);
}

Request UpdateWorkflow(const Reference& r, std::string_view body) {
  return MakeRequest(Method::kPut, Under("/workflows", r), "/workflows/{id}", Describe("workflow", r), body);
}

Request DeleteWorkflow(const Reference& r) {
  return MakeRequest(Method::kDelete, Under("/workflows", r), "/workflows/{id}", Describe("workflow", r));
}

ListRequest ListRoles() {
  return MakeList("/roles", "/roles", "roles", "roles");
}

Request GetRole(const Reference& r) {
  return MakeRequest(Method::kGet, Under("/roles", r), "/roles/{id}", Describe("role", r));
}

ListRequest ListWebhooks() {
  return MakeList("/webhooks-vnext", "/webhooks-vnext", "webhooks", "");
}

Request GetWebhook(const Reference& r) {
  return MakeRequest(Method::kGet, Under("/webhooks-vnext", r), "/webhooks-vnext/{id}", Describe("webhook", r));
}

Request AddWebhook(std::string_view body) {
  return MakeRequest(Method::kPost, "/webhooks-vnext", "/webhooks-vnext", "new webhook", body);
}

Request DeleteWebhook(const Reference& r) {
  return MakeRequest(Method::kDelete, Under("/webhooks-vnext", r), "/webhooks-vnext/{id}", Describe("webhook", r));
}

Request EnableWebhook(const Reference& r) {
  return MakeRequest(Method::kPut, Under("/webhooks-vnext", r) + "/enable", "/webhooks-vnext/{id}/enable",
                     Describe("webhook", r));
}

Request DisableWebhook(const Reference& r) {
  return MakeRequest(Method::kPut, Under("/webhooks-vnext", r) + "/disable", "/webhooks-vnext/{id}/disable",
                     Describe("webhook", r));
}

ListRequest ListLegacyWebhooks() {
  return MakeList("/webhooks", "/webhooks", "legacy webhooks", "");
}

Request GetWebSpotlightStatus() {
  return MakeRequest(Method::kGet, "/web-spotlight/status", "/web-spotlight/status", "web spotlight");
}

Request GetPreviewConfiguration() {
  return MakeRequest(Method::kGet, "/preview-configuration", "/preview-configuration", "preview configuration");
}

Request ModifyPreviewConfiguration(std::string_view body) {
  return MakeRequest(Method::kPut, "/preview-configuration", "/preview-configuration", "preview configuration", body);
}

}  // namespace kbulk::api::endpoints
