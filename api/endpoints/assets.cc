// Asset, rendition and file routes.
#include "api/endpoints/assets.h"

namespace kbulk::api::endpoints {
namespace {

std::string AssetPath(const Reference& asset) {
  return "/assets/" + Segment(asset);
}

}  // namespace

ListRequest ListAssets() {
  return MakeList("/assets", "/assets", "assets", "assets");
}

Request GetAsset(const Reference& asset) {
  return MakeRequest(Method::kGet, AssetPath(asset), "/assets/{id}", Describe("asset", asset));
}

Request UpsertAsset(const Reference& asset, std::string_view body) {
  return MakeRequest(Method::kPut, AssetPath(asset), "/assets/{id}", Describe("asset", asset), body);
}

Request AddAsset(std::string_view body) {
  return MakeRequest(Method::kPost, "/assets", "/assets", "new asset", body);
}

Request DeleteAsset(const Reference& asset) {
  return MakeRequest(Method::kDelete, AssetPath(asset), "/assets/{id}", Describe("asset", asset));
}

ListRequest ListRenditions(const Reference& asset) {
  return MakeList(AssetPath(asset) + "/renditions", "/assets/{id}/renditions",
                  "renditions of " + Describe("asset", asset), "asset_renditions");
}

Request GetRendition(const Reference& asset, const Reference& rendition) {
  return MakeRequest(Method::kGet, AssetPath(asset) + "/renditions/" + Segment(rendition),
                     "/assets/{id}/renditions/{id}",
                     Describe("rendition", rendition) + " of " + Describe("asset", asset));
}

Request AddRendition(const Reference& asset, std::string_view body) {
  return MakeRequest(Method::kPost, AssetPath(asset) + "/renditions", "/assets/{id}/renditions",
                     "new rendition of " + Describe("asset", asset), body);
}

Request ModifyRendition(const Reference& asset, const Reference& rendition, std::string_view body) {
  return MakeRequest(Method::kPut, AssetPath(asset) + "/renditions/" + Segment(rendition),
                     "/assets/{id}/renditions/{id}",
                     Describe("rendition", rendition) + " of " + Describe("asset", asset), body);
}

Request UploadFile(std::string_view file_name) {
  return MakeRequest(Method::kPost, "/files/" + EncodeSegment(file_name), "/files/{file_name}",
                     "file '" + std::string(file_name) + "'");
}

}  // namespace kbulk::api::endpoints
