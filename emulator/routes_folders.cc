// Asset folders: the whole tree in one body. POST adds top-level folders; PATCH applies addInto
// (under a reference or at the top; before/after are mutually exclusive), rename and remove operations,
// as the spec defines them. Folder external ids are unique in the tree.
#include "core/codename.h"
#include "core/reference.h"
#include "emulator/route_support.h"
#include "emulator/routes.h"
#include "emulator/server.h"

namespace kbulk::emulator {
namespace {

// Gives ids and codenames to folders (recursively) that lack them.
void NameFolders(Environment& env, JsonValue& folders, JsonAllocator& a) {
  if (!folders.IsArray()) return;
  for (JsonValue& f : folders.GetArray()) {
    if (!f.IsObject()) continue;
    if (!StringMember(f, "id")) SetStringMember(f, "id", env.NewId(), a);
    if (!StringMember(f, "codename")) {
      SetStringMember(f, "codename", CodenameFromName(StringMember(f, "name").value_or("folder")), a);
    }
    if (!f.HasMember("folders")) f.AddMember("folders", JsonValue(rapidjson::kArrayType), a);
    NameFolders(env, f["folders"], a);
  }
}

JsonValue* FindFolder(JsonValue& folders, const Reference& ref, JsonValue** parent_array, rapidjson::SizeType* index) {
  if (!folders.IsArray()) return nullptr;
  std::string_view key = ref.kind() == Reference::Kind::kId         ? "id"
                         : ref.kind() == Reference::Kind::kCodename ? "codename"
                                                                    : "external_id";
  for (rapidjson::SizeType i = 0; i < folders.Size(); ++i) {
    JsonValue& f = folders[i];
    if (StringMember(f, key).value_or("\x01") == ref.value()) {
      *parent_array = &folders;
      *index = i;
      return &f;
    }
    if (f.HasMember("folders"))
      if (JsonValue* found = FindFolder(f["folders"], ref, parent_array, index)) return found;
  }
  return nullptr;
}

bool HasExternalId(const JsonValue& folders, std::string_view external_id) {
  if (!folders.IsArray()) return false;
  for (const JsonValue& f : folders.GetArray()) {
    if (StringMember(f, "external_id").value_or("\x01") == external_id) return true;
    if (const JsonValue* sub = Member(f, "folders"); sub && HasExternalId(*sub, external_id)) return true;
  }
  return false;
}

// A folder about to be added (with its subfolders): each needs a name, and an external id no folder of
// the tree (nor another new one) has. "" when it is fine.
std::string CheckNewFolders(const JsonValue& tree_folders, const JsonValue& folder) {
  if (!folder.IsObject()) return "Each folder must be an object.";
  auto name = StringMember(folder, "name");
  if (!name || name->empty()) return "Each folder needs a nonempty name.";
  if (auto ext = StringMember(folder, "external_id")) {
    if (Status valid = ValidateExternalId(*ext); !valid.ok()) return valid.message();
    if (HasExternalId(tree_folders, *ext))
      return "The external ID '" + std::string(*ext) + "' is already used by another folder.";
  }
  if (const JsonValue* sub = Member(folder, "folders")) {
    if (!sub->IsArray()) return "folders must be an array.";
    std::vector<std::string> seen;
    for (const JsonValue& child : sub->GetArray()) {
      if (std::string problem = CheckNewFolders(tree_folders, child); !problem.empty()) return problem;
      if (auto ext = StringMember(child, "external_id")) {
        for (const std::string& other : seen)
          if (other == *ext) return "The external ID '" + other + "' is used by two new folders.";
        seen.emplace_back(*ext);
      }
    }
  }
  if (auto ext = StringMember(folder, "external_id");
      ext && Member(folder, "folders") != nullptr && HasExternalId(*Member(folder, "folders"), *ext))
    return "The external ID '" + std::string(*ext) + "' is used by two new folders.";
  return "";
}

}  // namespace

void AddFolderRoutes(Router& router) {
  const std::string base = std::string(kApiPrefix) + "/folders";
  router.Add("GET", base, [](const ApiRequest&, RouteContext& ctx) {
    return ApiResponse::Json(200, ctx.environment->folders_json);
  });
  router.Add("POST", base, [](const ApiRequest& req, RouteContext& ctx) {
    Environment& env = *ctx.environment;
    auto body = ParseBody(req);
    if (!body.ok()) return BadJson(body.status());
    const JsonValue* given = body->IsObject() ? Member(*body, "folders") : nullptr;
    if (given == nullptr || !given->IsArray()) return InvalidBody("The body must be {\"folders\": [...]}.", "folders");
    JsonDocument tree = FolderTree(env);
    auto& a = tree.GetAllocator();
    for (const JsonValue& f : given->GetArray()) {
      if (std::string problem = CheckNewFolders(tree["folders"], f); !problem.empty()) return InvalidBody(problem);
      tree["folders"].PushBack(JsonValue(f, a), a);
    }
    NameFolders(env, tree["folders"], a);
    SetStringMember(tree, "last_modified", NowTimestamp(), a);
    env.folders_json = ToJsonString(tree);
    return ApiResponse::Json(201, env.folders_json);
  });
  router.Add("PATCH", base, [](const ApiRequest& req, RouteContext& ctx) {
    Environment& env = *ctx.environment;
    auto ops = ParseBody(req);
    if (!ops.ok()) return BadJson(ops.status());
    if (!ops->IsArray() || ops->Empty())
      return InvalidBody("No patch operations were provided, provide at least one operation.");
    JsonDocument tree = FolderTree(env);
    auto& a = tree.GetAllocator();
    std::vector<ValidationError> errors;
    for (const JsonValue& op : ops->GetArray()) {
      std::string kind(StringMember(op, "op").value_or(""));
      const JsonValue* ref_value = Member(op, "reference");
      auto ref = ref_value ? ReferenceFrom(*ref_value) : std::nullopt;
      JsonValue* parent = nullptr;
      rapidjson::SizeType index = 0;
      JsonValue* folder = ref ? FindFolder(tree["folders"], *ref, &parent, &index) : nullptr;
      if (kind == "addInto") {
        const JsonValue* value = Member(op, "value");
        if (value == nullptr || !value->IsObject()) {
          errors.push_back({"addInto needs a folder value.", "value"});
          continue;
        }
        if (Member(op, "before") && Member(op, "after")) {
          errors.push_back({"The before and after properties are mutually exclusive.", "before"});
          continue;
        }
        if (std::string problem = CheckNewFolders(tree["folders"], *value); !problem.empty()) {
          errors.push_back({problem, "value"});
          continue;
        }
        JsonValue* target = &tree["folders"];
        if (ref) {
          if (folder == nullptr) {
            errors.push_back({"The folder " + ref->ToString() + " does not exist.", "reference"});
            continue;
          }
          target = &(*folder)["folders"];
        }
        // before/after name a sibling: the new folder goes next to it.
        const JsonValue* sibling_value = Member(op, "before") ? Member(op, "before") : Member(op, "after");
        auto sibling = sibling_value ? ReferenceFrom(*sibling_value) : std::nullopt;
        rapidjson::SizeType at = target->Size();
        if (sibling) {
          JsonValue* sibling_parent = nullptr;
          rapidjson::SizeType sibling_index = 0;
          if (FindFolder(tree["folders"], *sibling, &sibling_parent, &sibling_index) == nullptr) {
            errors.push_back({"The folder " + sibling->ToString() + " does not exist.", "before"});
            continue;
          }
          target = sibling_parent;
          at = sibling_index + (Member(op, "after") ? 1 : 0);
        }
        target->PushBack(JsonValue(*value, a), a);
        for (rapidjson::SizeType k = target->Size() - 1; k > at; --k) (*target)[k].Swap((*target)[k - 1]);
      } else if (kind == "rename") {
        auto name = StringMember(op, "value");
        if (folder == nullptr || !name || name->empty())
          errors.push_back({"rename needs an existing folder reference and a name value.", "reference"});
        else
          SetStringMember(*folder, "name", *name, a);
      } else if (kind == "remove") {
        if (folder == nullptr)
          errors.push_back({"remove needs an existing folder reference.", "reference"});
        else
          parent->Erase(parent->Begin() + index);
      } else {
        errors.push_back({"Unknown operation '" + kind + "' (addInto, rename, remove).", "op"});
      }
    }
    if (!errors.empty()) return InvalidBody(errors);
    NameFolders(env, tree["folders"], a);
    SetStringMember(tree, "last_modified", NowTimestamp(), a);
    env.folders_json = ToJsonString(tree);
    return ApiResponse::Json(200, env.folders_json);
  });
}

}  // namespace kbulk::emulator
