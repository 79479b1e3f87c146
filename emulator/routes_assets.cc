// Binary uploads, assets (list, get, add, upsert, delete) and renditions. An asset's url points at the
// emulator's own binary route, like the service's CDN url. Asset folders live in routes_folders.cc.
#include "emulator/element_check.h"
#include "emulator/pagination.h"
#include "emulator/route_support.h"
#include "emulator/routes.h"
#include "emulator/server.h"

namespace kbulk::emulator {
namespace {

std::string UrlEncodeSegment(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

// Width and height of PNG, GIF and JPEG images (other formats: null, as for non-images).
std::pair<int, int> ImageSize(const std::string& b) {
  auto u8 = [&](std::size_t i) { return static_cast<unsigned>(static_cast<unsigned char>(b[i])); };
  if (b.size() >= 24 && b.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0)
    return {static_cast<int>(u8(16) << 24 | u8(17) << 16 | u8(18) << 8 | u8(19)),
            static_cast<int>(u8(20) << 24 | u8(21) << 16 | u8(22) << 8 | u8(23))};
  if (b.size() >= 10 && (b.compare(0, 6, "GIF87a") == 0 || b.compare(0, 6, "GIF89a") == 0))
    return {static_cast<int>(u8(6) | u8(7) << 8), static_cast<int>(u8(8) | u8(9) << 8)};
  if (b.size() >= 4 && u8(0) == 0xff && u8(1) == 0xd8) {  // JPEG: walk the markers to a start-of-frame
    std::size_t i = 2;
    while (i + 9 < b.size() && u8(i) == 0xff) {
      unsigned marker = u8(i + 1);
      if (marker == 0xd8 || marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
        i += 2;
        continue;
      }
      std::size_t length = u8(i + 2) << 8 | u8(i + 3);
      bool sof = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
      if (sof) return {static_cast<int>(u8(i + 7) << 8 | u8(i + 8)), static_cast<int>(u8(i + 5) << 8 | u8(i + 6))};
      i += 2 + length;
    }
  }
  return {0, 0};
}

ApiResponse AssetNotFound(std::string_view identifier) {
  return NotFoundError(kErrAssetNotFound, "The requested asset '" + std::string(identifier) + "' was not found.");
}

bool FolderExists(const JsonValue& folders, std::string_view key, std::string_view value) {
  if (!folders.IsArray()) return false;
  for (const JsonValue& f : folders.GetArray()) {
    if (StringMember(f, key).value_or("\x01") == value) return true;
    if (const JsonValue* sub = Member(f, "folders"); sub && FolderExists(*sub, key, value)) return true;
  }
  return false;
}

std::string FolderId(const JsonValue& folders, const Reference& ref) {
  std::string_view key = ref.kind() == Reference::Kind::kId         ? "id"
                         : ref.kind() == Reference::Kind::kCodename ? "codename"
                                                                    : "external_id";
  if (!folders.IsArray()) return "";
  for (const JsonValue& f : folders.GetArray()) {
    if (StringMember(f, key).value_or("\x01") == ref.value()) return std::string(StringMember(f, "id").value_or(""));
    if (const JsonValue* sub = Member(f, "folders")) {
      std::string id = FolderId(*sub, ref);
      if (!id.empty()) return id;
    }
  }
  return "";
}

// Asset elements are those of the project's asset type (a taxonomy element at most, made in the UI): any
// other element is refused; values resolve as a variant's taxonomy values do.
std::vector<ValidationError> CheckAssetElements(Environment& env, JsonValue& elements, JsonAllocator& a) {
  if (!elements.IsArray()) return {{"elements must be an array.", "elements"}};
  JsonDocument type;
  type.SetObject();
  type.AddMember("codename", "asset type", type.GetAllocator());
  type.AddMember("elements", JsonValue(ParseJson(env.project->asset_type_elements_json).value(), type.GetAllocator()),
                 type.GetAllocator());
  // The taxonomy group is this environment's group of that id, or else of that codename (an environment
  // other than the seeded one has its own copy of the group).
  for (JsonValue& d : type["elements"].GetArray()) {
    JsonValue* group = d.HasMember("taxonomy_group") ? &d["taxonomy_group"] : nullptr;
    if (group == nullptr || env.taxonomies.FindById(StringMember(*group, "id").value_or("")) != nullptr) continue;
    if (const StoredObject* g = env.taxonomies.FindByCodename(StringMember(*group, "codename").value_or("")))
      SetStringMember(*group, "id", g->id, type.GetAllocator());
  }
  std::vector<ValidationError> errors;
  for (const JsonValue& e : elements.GetArray()) {
    const JsonValue* ref_value = e.IsObject() ? Member(e, "element") : nullptr;
    auto ref = ref_value ? ReferenceFrom(*ref_value) : std::nullopt;
    if (!ref) continue;  // CheckElements reports it
    bool defined = false;
    for (const JsonValue& d : type["elements"].GetArray()) {
      std::string_view key = ref->kind() == Reference::Kind::kId         ? "id"
                             : ref->kind() == Reference::Kind::kCodename ? "codename"
                                                                         : "external_id";
      defined = defined || StringMember(d, key).value_or("\x01") == ref->value();
    }
    if (!defined)
      errors.push_back(
          {"The asset type has no element " + ref->ToString() + " (only the UI defines asset elements).", "elements"});
  }
  if (!errors.empty()) return errors;
  return CheckElements(env, type, elements, a).errors;
}

// The rendition a path identifier names, only when it is a rendition of `asset`.
const StoredObject* RenditionOf(const Environment& env, const StoredObject& asset, std::string_view identifier) {
  const StoredObject* r = FindByIdentifier(env.renditions, identifier);
  if (r == nullptr) return nullptr;
  return StringMember(r->Doc(), "asset_id").value_or("") == asset.id ? r : nullptr;
}

ApiResponse ApplyAsset(const ApiRequest& req, Environment& env, const JsonValue& body, const StoredObject* existing,
                       std::string_view path_external_id) {
  JsonDocument asset;
  if (existing)
    asset = ParseJson(existing->json).value();
  else
    asset.SetObject();
  auto& a = asset.GetAllocator();
  std::vector<ValidationError> errors;
  const JsonValue* file_ref = Member(body, "file_reference");
  std::string file_id = file_ref ? std::string(StringMember(*file_ref, "id").value_or("")) : "";
  const StoredBinary* binary = nullptr;
  if (!file_id.empty()) {
    auto it = env.binaries.find(file_id);
    if (it == env.binaries.end())
      errors.push_back({"The file reference '" + file_id + "' does not exist.", "file_reference"});
    else
      binary = &it->second;
  } else if (!existing) {
    errors.push_back({"A new asset needs a file_reference.", "file_reference"});
  }
  if (auto title = Member(body, "title");
      title && !title->IsNull() && (!title->IsString() || title->GetStringLength() > 200))
    errors.push_back({"The title must be a string of at most 200 characters or null.", "title"});
  JsonDocument folders = FolderTree(env);
  std::string folder_id;
  if (const JsonValue* folder = Member(body, "folder")) {
    auto ref = ReferenceFrom(*folder);
    if (ref && ref->kind() == Reference::Kind::kId && ref->value() == kNilId)
      folder_id = std::string(kNilId);
    else if (ref)
      folder_id = FolderId(folders["folders"], *ref);
    if (folder_id.empty())
      errors.push_back({"The asset folder " + ToJsonString(*folder) + " does not exist.", "folder"});
  }
  std::string collection_id;
  if (const JsonValue* collection = Member(body, "collection")) {
    const JsonValue* inner = Member(*collection, "reference");
    auto ref = ReferenceFrom(inner ? *inner : *collection);
    const StoredObject* c = ref ? env.collections.Find(*ref) : nullptr;
    if (c == nullptr)
      errors.push_back({"The collection " + ToJsonString(*collection) + " does not exist.", "collection"});
    else
      collection_id = c->id;
  }
  JsonValue descriptions(rapidjson::kArrayType);
  if (const JsonValue* given = Member(body, "descriptions"); given && given->IsArray()) {
    for (const JsonValue& d : given->GetArray()) {
      const JsonValue* lang = Member(d, "language");
      auto ref = lang ? ReferenceFrom(*lang) : std::nullopt;
      const StoredObject* l = ref ? env.languages.Find(*ref) : nullptr;
      if (l == nullptr) {
        errors.push_back({"The language of a description does not exist.", "descriptions"});
        continue;
      }
      JsonValue out(rapidjson::kObjectType), lref;
      SetIdReference(lref, l->id, a);
      out.AddMember("language", std::move(lref), a);
      JsonValue description;
      if (const JsonValue* given_description = Member(d, "description")) description.CopyFrom(*given_description, a);
      out.AddMember("description", std::move(description), a);
      descriptions.PushBack(std::move(out), a);
    }
  }
  std::string external_id(path_external_id);
  if (auto ext = StringMember(body, "external_id")) {
    if (Status valid = ValidateExternalId(*ext); !valid.ok()) errors.push_back({valid.message(), "external_id"});
    if (existing && !existing->external_id.empty() && existing->external_id != *ext)
      errors.push_back({"The external ID of an asset cannot be changed.", "external_id"});
    external_id = std::string(*ext);
  }
  if (!errors.empty()) return InvalidBody(errors);
  std::string id = existing ? existing->id : env.IdForNewObject(env.reserved_asset_ids, external_id);
  std::string_view name_for_codename =
      StringMember(body, "title").value_or(binary ? std::string_view(binary->file_name) : "asset");
  Result<std::string> codename =
      existing != nullptr && !StringMember(body, "codename")
          ? Result<std::string>(existing->codename)
          : ChooseCodename(
                body, name_for_codename.empty() && binary ? std::string_view(binary->file_name) : name_for_codename,
                env.assets, env, "asset", id);
  if (!codename.ok()) return InvalidBody(codename.status().message(), "codename");
  SetStringMember(asset, "id", id, a);
  SetStringMember(asset, "codename", *codename, a);
  if (!external_id.empty()) SetStringMember(asset, "external_id", external_id, a);
  if (const JsonValue* title = Member(body, "title"))
    SetMember(asset, "title", JsonValue(*title, a), a);
  else if (!existing)
    SetMember(asset, "title", JsonValue(), a);
  if (binary != nullptr) {
    JsonValue fr(rapidjson::kObjectType);
    fr.AddMember("id", MakeString(file_id, a), a);
    fr.AddMember("type", "internal", a);
    SetMember(asset, "file_reference", std::move(fr), a);
    SetStringMember(asset, "file_name", binary->file_name, a);
    SetMember(asset, "size", JsonValue(static_cast<std::int64_t>(binary->bytes->size())), a);
    SetStringMember(asset, "type", binary->content_type, a);
    auto [w, h] = ImageSize(*binary->bytes);
    SetMember(asset, "image_width", w > 0 ? JsonValue(w) : JsonValue(), a);
    SetMember(asset, "image_height", h > 0 ? JsonValue(h) : JsonValue(), a);
    SetStringMember(asset, "url",
                    req.base_url + "/assets/" + env.id + "/" + file_id + "/" + UrlEncodeSegment(binary->file_name), a);
  }
  if (Member(body, "descriptions") || !existing) SetMember(asset, "descriptions", std::move(descriptions), a);
  if (!folder_id.empty()) {
    if (folder_id == kNilId)
      asset.RemoveMember("folder");
    else {
      JsonValue f;
      SetIdReference(f, folder_id, a);
      SetMember(asset, "folder", std::move(f), a);
    }
  }
  if (!collection_id.empty() || !existing) {
    JsonValue c(rapidjson::kObjectType), r;
    SetIdReference(r, collection_id.empty() ? std::string(kNilId) : collection_id, a);
    c.AddMember("reference", std::move(r), a);
    SetMember(asset, "collection", std::move(c), a);
  }
  if (const JsonValue* elements = Member(body, "elements")) {
    JsonValue checked(*elements, a);
    std::vector<ValidationError> element_errors = CheckAssetElements(env, checked, a);
    if (!element_errors.empty()) return InvalidBody(element_errors);
    SetMember(asset, "elements", std::move(checked), a);
  } else if (!existing)
    SetMember(asset, "elements", JsonValue(rapidjson::kArrayType), a);
  SetStringMember(asset, "last_modified", NowTimestamp(), a);
  env.assets.Put(ToStored(asset));
  return JsonResponse(existing ? 200 : 201, asset);
}

StoredObject RenditionStored(const JsonValue& doc) {
  StoredObject o = ToStored(doc);
  o.id = std::string(StringMember(doc, "rendition_id").value_or(""));
  return o;
}

}  // namespace

void AddAssetRoutes(Router& router) {
  const std::string p = kApiPrefix;
  router.Add("POST", p + "/files/{file_name}", [](const ApiRequest& req, RouteContext& ctx) {
    if (req.body.size() > (std::size_t{100} << 20)) return InvalidBody("Binary files may be at most 100 MB.");
    std::string content_type(req.Header("content-type"));
    if (content_type.empty()) content_type = "application/octet-stream";
    std::string id = ctx.environment->NewId();
    ctx.environment->binaries[id] = {std::string(req.Param("file_name")), content_type,
                                     std::make_shared<const std::string>(req.body)};
    return ApiResponse::Json(200, "{\"id\":\"" + id + "\",\"type\":\"internal\"}");
  });
  router.Add("GET", p + "/assets", [](const ApiRequest& req, RouteContext& ctx) {
    return ListPage(req, ctx.environment->assets, "assets", ctx.options.page_size);
  });
  router.Add("GET", p + "/assets/{asset_identifier}", [](const ApiRequest& req, RouteContext& ctx) {
    const StoredObject* o = FindByIdentifier(ctx.environment->assets, req.Param("asset_identifier"));
    if (o == nullptr) return AssetNotFound(req.Param("asset_identifier"));
    return ApiResponse::Json(200, o->json);
  });
  router.Add("POST", p + "/assets", [](const ApiRequest& req, RouteContext& ctx) {
    auto body = ParseBody(req);
    if (!body.ok()) return BadJson(body.status());
    if (!body->IsObject()) return InvalidBody("The request body must be a JSON object.");
    if (auto ext = StringMember(*body, "external_id"); ext && ctx.environment->assets.FindByExternalId(*ext))
      return InvalidBody("An asset with external ID '" + std::string(*ext) + "' already exists.", "external_id");
    return ApplyAsset(req, *ctx.environment, *body, nullptr, {});
  });
  router.Add("PUT", p + "/assets/{asset_identifier}", [](const ApiRequest& req, RouteContext& ctx) {
    auto body = ParseBody(req);
    if (!body.ok()) return BadJson(body.status());
    if (!body->IsObject()) return InvalidBody("The request body must be a JSON object.");
    auto ref = ParseIdentifier(req.Param("asset_identifier"));
    const StoredObject* existing = ref ? ctx.environment->assets.Find(*ref) : nullptr;
    if (existing == nullptr && (!ref || ref->kind() != Reference::Kind::kExternalId))
      return AssetNotFound(req.Param("asset_identifier"));
    if (existing == nullptr)
      if (Status valid = ValidateExternalId(ref->value()); !valid.ok())
        return InvalidBody(valid.message(), "external_id");
    return ApplyAsset(req, *ctx.environment, *body, existing,
                      existing ? std::string_view() : std::string_view(ref->value()));
  });
  router.Add("DELETE", p + "/assets/{asset_identifier}", [](const ApiRequest& req, RouteContext& ctx) {
    const StoredObject* o = FindByIdentifier(ctx.environment->assets, req.Param("asset_identifier"));
    if (o == nullptr) return AssetNotFound(req.Param("asset_identifier"));
    ctx.environment->assets.Erase(std::string(o->id));
    return ApiResponse::NoContent();
  });

  const std::string renditions = p + "/assets/{asset_identifier}/renditions";
  router.Add("GET", renditions, [](const ApiRequest& req, RouteContext& ctx) {
    const StoredObject* asset = FindByIdentifier(ctx.environment->assets, req.Param("asset_identifier"));
    if (asset == nullptr) return AssetNotFound(req.Param("asset_identifier"));
    JsonWriter w;
    w.StartObject().Key("asset_renditions").StartArray();
    for (const StoredObject* r : ctx.environment->renditions.All())
      if (StringMember(r->Doc(), "asset_id").value_or("") == asset->id) w.Raw(r->json);
    w.EndArray();
    WritePagination(w, req, 0);
    w.EndObject();
    return ApiResponse::Json(200, w.str());
  });
  router.Add("GET", renditions + "/{rendition_identifier}", [](const ApiRequest& req, RouteContext& ctx) {
    const StoredObject* asset = FindByIdentifier(ctx.environment->assets, req.Param("asset_identifier"));
    if (asset == nullptr) return AssetNotFound(req.Param("asset_identifier"));
    const StoredObject* r = RenditionOf(*ctx.environment, *asset, req.Param("rendition_identifier"));
    if (r == nullptr) return NotFoundError(kErrObjectNotFound, "The requested rendition was not found.");
    return ApiResponse::Json(200, r->json);
  });
  auto write_rendition = [](const ApiRequest& req, RouteContext& ctx) {
    Environment& env = *ctx.environment;
    const StoredObject* asset = FindByIdentifier(env.assets, req.Param("asset_identifier"));
    if (asset == nullptr) return AssetNotFound(req.Param("asset_identifier"));
    auto body = ParseBody(req);
    if (!body.ok()) return BadJson(body.status());
    const JsonValue* t = body->IsObject() ? Member(*body, "transformation") : nullptr;
    if (t == nullptr || !t->IsObject())
      return InvalidBody("A rendition needs a transformation object.", "transformation");
    const StoredObject* existing =
        req.method == "PUT" ? RenditionOf(env, *asset, req.Param("rendition_identifier")) : nullptr;
    if (req.method == "PUT" && existing == nullptr)
      return NotFoundError(kErrObjectNotFound, "The requested rendition was not found.");
    if (auto ext = StringMember(*body, "external_id"); ext && req.method == "POST") {
      if (Status valid = ValidateExternalId(*ext); !valid.ok()) return InvalidBody(valid.message(), "external_id");
      if (env.renditions.FindByExternalId(*ext) != nullptr)
        return InvalidBody("A rendition with external ID '" + std::string(*ext) + "' already exists.", "external_id");
    }
    JsonDocument r;
    r.SetObject();
    auto& a = r.GetAllocator();
    r.AddMember("rendition_id", MakeString(existing ? existing->id : env.NewId(), a), a);
    r.AddMember("asset_id", MakeString(asset->id, a), a);
    std::string ext = existing ? existing->external_id : std::string(StringMember(*body, "external_id").value_or(""));
    if (!ext.empty()) r.AddMember("external_id", MakeString(ext, a), a);
    r.AddMember("transformation", JsonValue(*t, a), a);
    r.AddMember("last_modified", MakeString(NowTimestamp(), a), a);
    env.renditions.Put(RenditionStored(r));
    return JsonResponse(existing ? 200 : 201, r);
  };
  router.Add("POST", renditions, write_rendition);
  router.Add("PUT", renditions + "/{rendition_identifier}", write_rendition);
}

}  // namespace kbulk::emulator
