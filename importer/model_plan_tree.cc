// Planners for the tree-shaped kinds (taxonomy groups with nested terms, asset folders) and the preview
// configuration. Terms the target lacks are always added (content names them); renames need updates.
#include <map>

#include "api/endpoints.h"
#include "content/import_naming.h"
#include "core/reference.h"
#include "importer/model_state.h"

namespace kbulk::importer {

namespace ep = api::endpoints;
using State = ModelImportState;

namespace {

// A term or folder (with its children under `child_key`) as a create body: name, codename, external id.
JsonValue TreeBody(const JsonValue& node, const char* child_key, JsonAllocator& a, bool folder) {
  JsonValue out(rapidjson::kObjectType);
  out.AddMember("name", MakeString(Str(node, "name"), a), a);
  if (auto c = StringMember(node, "codename")) out.AddMember("codename", MakeString(*c, a), a);
  if (auto ext = StringMember(node, "external_id"))
    out.AddMember("external_id", MakeString(*ext, a), a);
  else if (folder)
    out.AddMember("external_id", MakeString(content::SourceExternalId(Str(node, "id")), a), a);
  JsonValue children(rapidjson::kArrayType);
  if (const JsonValue* sub = Member(node, child_key); sub && sub->IsArray())
    for (const JsonValue& c : sub->GetArray()) children.PushBack(TreeBody(c, child_key, a, folder), a);
  out.AddMember(rapidjson::StringRef(child_key), std::move(children), a);
  return out;
}

struct TreeNode {
  std::string id, name;
};

// Every node of a target tree by codename and by external id.
void Index(const JsonValue* nodes, const char* child_key, std::map<std::string, TreeNode>& by_codename,
           std::map<std::string, TreeNode>& by_external_id) {
  if (nodes == nullptr || !nodes->IsArray()) return;
  for (const JsonValue& n : nodes->GetArray()) {
    TreeNode node{Str(n, "id"), Str(n, "name")};
    if (auto c = StringMember(n, "codename")) by_codename[std::string(*c)] = node;
    if (auto e = StringMember(n, "external_id")) by_external_id[std::string(*e)] = node;
    Index(Member(n, child_key), child_key, by_codename, by_external_id);
  }
}

struct TreeDiff {
  JsonDocument ops;
  std::vector<std::string> added, renamed;
  JsonDocument top_level;  // folders only: missing top-level folders (POST)
};

// Walks archived nodes under `parent_id` (target id; "" = the root): missing nodes are added with their
// subtree; existing ones are renamed when `rename_op` is given.
void Diff(const JsonValue* nodes, const std::string& parent_id, const char* child_key, bool folder,
          const std::map<std::string, TreeNode>& by_codename, const std::map<std::string, TreeNode>& by_external_id,
          const char* rename_op, TreeDiff& diff) {
  if (nodes == nullptr || !nodes->IsArray()) return;
  auto& a = diff.ops.GetAllocator();
  for (const JsonValue& n : nodes->GetArray()) {
    const std::string codename = Str(n, "codename");
    std::string external_id = Str(n, "external_id");
    if (external_id.empty() && folder) external_id = content::SourceExternalId(Str(n, "id"));
    const TreeNode* found = nullptr;
    if (auto it = by_codename.find(codename); !codename.empty() && it != by_codename.end()) found = &it->second;
    if (auto it = by_external_id.find(external_id); !found && !external_id.empty() && it != by_external_id.end())
      found = &it->second;
    const std::string label = codename.empty() ? Str(n, "name") : codename;
    if (found == nullptr) {
      diff.added.push_back(label);
      if (folder && parent_id.empty()) {
        diff.top_level.PushBack(TreeBody(n, child_key, diff.top_level.GetAllocator(), folder),
                                diff.top_level.GetAllocator());
        continue;
      }
      JsonValue op(rapidjson::kObjectType);
      op.AddMember("op", "addInto", a);
      if (!parent_id.empty()) {
        JsonValue ref(rapidjson::kObjectType);
        ref.AddMember("id", MakeString(parent_id, a), a);
        op.AddMember("reference", std::move(ref), a);
      }
      op.AddMember("value", TreeBody(n, child_key, a, folder), a);
      diff.ops.PushBack(std::move(op), a);
      continue;
    }
    if (rename_op != nullptr && found->name != Str(n, "name")) {
      diff.renamed.push_back(label);
      JsonValue op(rapidjson::kObjectType);
      op.AddMember("op", rapidjson::StringRef(rename_op), a);
      JsonValue ref(rapidjson::kObjectType);
      ref.AddMember("id", MakeString(found->id, a), a);
      op.AddMember("reference", std::move(ref), a);
      if (!folder) op.AddMember("property_name", "name", a);
      op.AddMember("value", MakeString(Str(n, "name"), a), a);
      diff.ops.PushBack(std::move(op), a);
    }
    Diff(Member(n, child_key), found->id, child_key, folder, by_codename, by_external_id, rename_op, diff);
  }
}

std::string List(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "'" : ", '") + n + "'";
  return out;
}

// Whether a body names every codename of `codenames` (a probe after an ambiguous failure of an addInto).
std::function<bool(const std::string&)> NamesAll(std::vector<std::string> codenames) {
  return [codenames](const std::string& body) {
    for (const std::string& c : codenames)
      if (body.find("\"codename\":" + ToJsonString(JsonValue(rapidjson::StringRef(c.c_str())))) == std::string::npos)
        return false;
    return true;
  };
}

ModelWrite Write(std::string kind, std::string codename, api::Request request, bool essential) {
  ModelWrite w;
  w.kind = std::move(kind);
  w.codename = std::move(codename);
  w.request = [r = std::move(request)] { return r; };
  w.essential = essential;
  return w;
}

}  // namespace

void PlanTaxonomies(State& s) {
  for (const auto& g : s.source[EntityKind::kTaxonomyGroup]) {
    const std::string codename = Str(*g, "codename");
    const JsonDocument* t = s.TargetByCodename(EntityKind::kTaxonomyGroup, codename);
    if (t == nullptr) {
      JsonDocument body;
      body.SetObject();
      auto& a = body.GetAllocator();
      body.AddMember("name", MakeString(Str(*g, "name"), a), a);
      body.AddMember("codename", MakeString(codename, a), a);
      if (auto ext = StringMember(*g, "external_id")) body.AddMember("external_id", MakeString(*ext, a), a);
      JsonValue terms(rapidjson::kArrayType);
      if (const JsonValue* list = Member(*g, "terms"); list && list->IsArray())
        for (const JsonValue& term : list->GetArray()) terms.PushBack(TreeBody(term, "terms", a, false), a);
      body.AddMember("terms", std::move(terms), a);
      s.before.push_back(Write("taxonomy_group", codename, ep::AddTaxonomy(ToJsonString(body)), true));
      s.before.back().probe = [codename] { return ep::GetTaxonomy(Reference::ByCodename(codename)); };
      s.Plan("taxonomy_groups", codename, PlanAction::kCreate);
      continue;
    }
    std::map<std::string, TreeNode> by_codename, by_external_id;
    Index(Member(*t, "terms"), "terms", by_codename, by_external_id);
    TreeDiff diff;
    diff.ops.SetArray();
    Diff(Member(*g, "terms"), "", "terms", false, by_codename, by_external_id, s.MayUpdate() ? "replace" : nullptr,
         diff);
    std::vector<std::string> differences;
    if (Str(*t, "name") != Str(*g, "name")) {
      differences.push_back("name");
      if (s.MayUpdate()) {
        auto& a = diff.ops.GetAllocator();
        JsonValue op(rapidjson::kObjectType);
        op.AddMember("op", "replace", a).AddMember("property_name", "name", a);
        op.AddMember("value", MakeString(Str(*g, "name"), a), a);
        diff.ops.PushBack(std::move(op), a);
      }
    }
    if (!diff.added.empty()) differences.push_back("terms added: " + List(diff.added));
    if (!diff.renamed.empty()) differences.push_back("terms renamed: " + List(diff.renamed));
    std::string detail;
    for (const std::string& d : differences) detail += (detail.empty() ? "" : "; ") + d;
    if (!diff.ops.Empty()) {
      s.before.push_back(Write("taxonomy_group", codename,
                               ep::ModifyTaxonomy(Reference::ByCodename(codename), ToJsonString(diff.ops)), true));
      s.Plan("taxonomy_groups", codename, PlanAction::kUpdate, detail);
    } else if (!differences.empty()) {
      s.Plan("taxonomy_groups", codename, PlanAction::kSkip, "differs from the archive: " + detail);
    } else {
      s.Plan("taxonomy_groups", codename, PlanAction::kUnchanged);
    }
  }
}

void PlanFolders(State& s) {
  JsonDocument target_tree;
  target_tree.SetArray();
  for (const auto& f : s.target[EntityKind::kAssetFolder])
    target_tree.PushBack(JsonValue(*f, target_tree.GetAllocator()), target_tree.GetAllocator());
  JsonDocument source_tree;
  source_tree.SetArray();
  for (const auto& f : s.source[EntityKind::kAssetFolder])
    source_tree.PushBack(JsonValue(*f, source_tree.GetAllocator()), source_tree.GetAllocator());
  std::map<std::string, TreeNode> by_codename, by_external_id;
  Index(&target_tree, "folders", by_codename, by_external_id);
  TreeDiff diff;
  diff.ops.SetArray();
  diff.top_level.SetArray();
  Diff(&source_tree, "", "folders", true, by_codename, by_external_id, s.MayUpdate() ? "rename" : nullptr, diff);
  for (const std::string& f : diff.added) s.Plan("asset_folders", f, PlanAction::kCreate);
  for (const std::string& f : diff.renamed) s.Plan("asset_folders", f, PlanAction::kUpdate, "name");
  if (diff.added.empty() && diff.renamed.empty() && !source_tree.Empty())
    s.Plan("asset_folders", "", PlanAction::kUnchanged);
  if (!diff.top_level.Empty()) {
    JsonWriter w;
    w.StartObject().Key("folders").Value(diff.top_level).EndObject();
    s.before.push_back(Write("asset_folder", "", ep::AddAssetFolders(w.view()), false));
    s.before.back().probe = [] { return ep::ListAssetFolders(); };
    s.before.back().took_effect = NamesAll(diff.added);
  }
  if (!diff.ops.Empty()) {
    s.before.push_back(Write("asset_folder", "", ep::ModifyAssetFolders(ToJsonString(diff.ops)), false));
    if (diff.renamed.empty()) {
      s.before.back().probe = [] { return ep::ListAssetFolders(); };
      s.before.back().took_effect = NamesAll(diff.added);
    }
  }
}

void PlanPreview(State& s) {
  auto& source = s.source[EntityKind::kPreviewConfiguration];
  auto& target = s.target[EntityKind::kPreviewConfiguration];
  if (source.empty() || target.empty()) return;
  JsonDocument wanted;
  wanted.SetObject();
  auto& a = wanted.GetAllocator();
  for (const char* key : {"space_domains", "preview_url_patterns"}) {
    const JsonValue* v = Member(*source.front(), key);
    wanted.AddMember(rapidjson::StringRef(key),
                     v && v->IsArray() ? WritableCopy(*v, s.source_names, a) : JsonValue(rapidjson::kArrayType), a);
  }
  JsonDocument current;
  current.SetObject();
  bool target_blank = true;
  for (const char* key : {"space_domains", "preview_url_patterns"}) {
    const JsonValue* v = Member(*target.front(), key);
    if (v && v->IsArray() && !v->Empty()) target_blank = false;
    current.AddMember(
        rapidjson::StringRef(key),
        v && v->IsArray() ? WritableCopy(*v, s.target_names, current.GetAllocator()) : JsonValue(rapidjson::kArrayType),
        current.GetAllocator());
  }
  if (JsonEquals(wanted, current)) {
    s.Plan("preview_configuration", "", PlanAction::kUnchanged);
  } else if (target_blank || s.MayUpdate()) {
    s.before.push_back(Write("preview_configuration", "", ep::ModifyPreviewConfiguration(ToJsonString(wanted)), false));
    s.Plan("preview_configuration", "", target_blank ? PlanAction::kCreate : PlanAction::kUpdate);
  } else {
    s.Plan("preview_configuration", "", PlanAction::kSkip, "differs from the archive");
  }
}

}  // namespace kbulk::importer
