// Item and language variant routes.
#include "api/endpoints/content.h"

namespace kbulk::api::endpoints {
namespace {

constexpr const char* kVariantRoute = "/items/{id}/variants/{id}";

std::string ItemPath(const Reference& item) {
  return "/items/" + Segment(item);
}
std::string VariantPath(const Reference& item, const Reference& language) {
  return ItemPath(item) + "/variants/" + Segment(language);
}
std::string DescribeVariant(const Reference& item, const Reference& language) {
  return "variant of " + Describe("item", item) + " in " + Describe("language", language);
}
Request VariantAction(Method method, const Reference& item, const Reference& language, std::string_view action,
                      std::string_view body = {}) {
  return MakeRequest(method, VariantPath(item, language) + "/" + std::string(action),
                     std::string(kVariantRoute) + "/" + std::string(action), DescribeVariant(item, language), body);
}

}  // namespace

ListRequest ListItems() {
  return MakeList("/items", "/items", "content items", "items");
}

Request GetItem(const Reference& item) {
  return MakeRequest(Method::kGet, ItemPath(item), "/items/{id}", Describe("item", item));
}

Request UpsertItem(const Reference& item, std::string_view body) {
  return MakeRequest(Method::kPut, ItemPath(item), "/items/{id}", Describe("item", item), body);
}

Request AddItem(std::string_view body) {
  return MakeRequest(Method::kPost, "/items", "/items", "new item", body);
}

Request DeleteItem(const Reference& item) {
  return MakeRequest(Method::kDelete, ItemPath(item), "/items/{id}", Describe("item", item));
}

Request GetVariant(const Reference& item, const Reference& language) {
  return MakeRequest(Method::kGet, VariantPath(item, language), kVariantRoute, DescribeVariant(item, language));
}

Request GetPublishedVariant(const Reference& item, const Reference& language) {
  return VariantAction(Method::kGet, item, language, "published");
}

Request UpsertVariant(const Reference& item, const Reference& language, std::string_view body) {
  return MakeRequest(Method::kPut, VariantPath(item, language), kVariantRoute, DescribeVariant(item, language), body);
}

Request DeleteVariant(const Reference& item, const Reference& language) {
  return MakeRequest(Method::kDelete, VariantPath(item, language), kVariantRoute, DescribeVariant(item, language));
}

ListRequest ListItemVariants(const Reference& item) {
  return MakeList(ItemPath(item) + "/variants", "/items/{id}/variants", "variants of " + Describe("item", item), "");
}

ListRequest ListVariantsByType(const Reference& type) {
  return MakeList("/types/" + Segment(type) + "/variants", "/types/{id}/variants",
                  "variants of " + Describe("content type", type), "variants");
}

ListRequest ListComponentsByType(const Reference& type) {
  return MakeList("/types/" + Segment(type) + "/components", "/types/{id}/components",
                  "variants with components of " + Describe("content type", type), "variants");
}

ListRequest ListVariantsByCollection(const Reference& collection) {
  return MakeList("/collections/" + Segment(collection) + "/variants", "/collections/{id}/variants",
                  "variants in " + Describe("collection", collection), "variants");
}

ListRequest ListVariantsBySpace(const Reference& space) {
  return MakeList("/spaces/" + Segment(space) + "/variants", "/spaces/{id}/variants",
                  "variants in " + Describe("space", space), "variants");
}

Request CreateNewVersion(const Reference& item, const Reference& language) {
  return VariantAction(Method::kPut, item, language, "new-version");
}

Request ChangeWorkflow(const Reference& item, const Reference& language, std::string_view body) {
  return VariantAction(Method::kPut, item, language, "change-workflow", body);
}

Request Publish(const Reference& item, const Reference& language, std::string_view body) {
  return VariantAction(Method::kPut, item, language, "publish", body);
}

Request CancelScheduledPublish(const Reference& item, const Reference& language) {
  return VariantAction(Method::kPut, item, language, "cancel-scheduled-publish");
}

Request Unpublish(const Reference& item, const Reference& language, std::string_view body) {
  return VariantAction(Method::kPut, item, language, "unpublish-and-archive", body);
}

Request CancelScheduledUnpublish(const Reference& item, const Reference& language) {
  return VariantAction(Method::kPut, item, language, "cancel-scheduled-unpublish");
}

}  // namespace kbulk::api::endpoints
