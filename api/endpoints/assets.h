// Asset routes: assets, renditions and the binary-file upload route (its body is streamed by
// ManagementClient::UploadFile, not sent from Request::body).
#pragma once

#include <string_view>

#include "api/endpoints/path.h"

namespace kbulk::api::endpoints {

ListRequest ListAssets();
Request GetAsset(const Reference& asset);
Request UpsertAsset(const Reference& asset, std::string_view body);
Request AddAsset(std::string_view body);
Request DeleteAsset(const Reference& asset);

ListRequest ListRenditions(const Reference& asset);  // body {"asset_renditions": [...], "pagination"}
Request GetRendition(const Reference& asset, const Reference& rendition);
Request AddRendition(const Reference& asset, std::string_view body);
Request ModifyRendition(const Reference& asset, const Reference& rendition, std::string_view body);

// POST /files/{file_name}; the name is URL-encoded (spaces, '#', '?', non-ASCII all become %XX).
Request UploadFile(std::string_view file_name);

}  // namespace kbulk::api::endpoints
