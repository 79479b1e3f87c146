// Planners for languages, collections, spaces, taxonomy groups, asset folders and the preview
// configuration: what the target lacks is created, what differs is patched when updates are allowed and
// reported otherwise, what matches costs nothing.
#include <map>

#include "api/endpoints.h"
#include "core/reference.h"
#include "importer/model_state.h"

namespace kbulk::importer {

namespace ep = api::endpoints;
using State = ModelImportState;

namespace {

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "; ") + p;
  return out;
}

JsonValue CodenameRef(std::string_view codename, JsonAllocator& a) {
  JsonValue ref(rapidjson::kObjectType);
  ref.AddMember("codename", MakeString(codename, a), a);
  return ref;
}

// {"op":"replace","property_name":p,"value":v} (languages, spaces, collections and terms with a reference).
void AddPropertyOp(JsonDocument& ops, std::string_view property, JsonValue value,
                   const JsonValue* reference = nullptr) {
  auto& a = ops.GetAllocator();
  JsonValue op(rapidjson::kObjectType);
  op.AddMember("op", "replace", a);
  if (reference != nullptr) op.AddMember("reference", JsonValue(*reference, a), a);
  op.AddMember("property_name", MakeString(property, a), a);
  op.AddMember("value", std::move(value), a);
  ops.PushBack(std::move(op), a);
}

JsonDocument NewArray() {
  JsonDocument d;
  d.SetArray();
  return d;
}

// The referenced object's codename on one side ("" when none or unknown).
std::string RefCodename(const JsonValue* ref, const ModelNames& names, EntityKind kind) {
  std::string id = ReferenceValue(ref);
  const std::string* c = names.Codename(id, kind);
  return c ? *c : "";
}

ModelWrite Write(std::string kind, std::string codename, api::Request request, bool essential = false) {
  ModelWrite w;
  w.kind = std::move(kind);
  w.codename = std::move(codename);
  w.request = [r = std::move(request)] { return r; };
  w.essential = essential;
  return w;
}

}  // namespace

void PlanLanguages(State& s) {
  auto& available = s.available["languages"];
  const JsonDocument* target_default = nullptr;
  for (const auto& t : s.target[EntityKind::kLanguage]) {
    available.insert(Str(*t, "codename"));
    if (BoolMember(*t, "is_default").value_or(false)) target_default = t.get();
  }
  std::vector<const JsonDocument*> order;  // the default language first
  for (const auto& l : s.source[EntityKind::kLanguage])
    if (BoolMember(*l, "is_default").value_or(false))
      order.insert(order.begin(), l.get());
    else
      order.push_back(l.get());
  std::vector<ModelWrite> fallbacks;
  for (const JsonDocument* l : order) {
    const std::string codename = Str(*l, "codename"), name = Str(*l, "name");
    if (BoolMember(*l, "is_default").value_or(false) && target_default != nullptr) {
      const std::string tc = Str(*target_default, "codename"), tn = Str(*target_default, "name");
      if (tc == codename && tn == name) {
        s.Plan("languages", codename, PlanAction::kUnchanged);
      } else if (s.MayUpdate(true)) {
        JsonDocument ops = NewArray();
        if (tc != codename) AddPropertyOp(ops, "codename", MakeString(codename, ops.GetAllocator()));
        if (tn != name) AddPropertyOp(ops, "name", MakeString(name, ops.GetAllocator()));
        s.before.push_back(Write("language", codename,
                                 ep::ModifyLanguage(Reference::ById(Str(*target_default, "id")), ToJsonString(ops)),
                                 true));
        s.target_names.Set(EntityKind::kLanguage, Str(*target_default, "id"), codename);
        available.insert(codename);
        s.Plan("languages", codename, PlanAction::kUpdate,
               "the default language '" + tc + "' becomes '" + codename + "'");
      } else if (tc != codename) {
        s.Plan("languages", codename, PlanAction::kConflict,
               "the default language is '" + tc + "' in the target, '" + codename + "' in the archive");
      } else {
        s.Plan("languages", codename, PlanAction::kSkip,
               "name is '" + tn + "' in the target, '" + name + "' in the archive");
      }
      continue;
    }
    const std::string fallback = RefCodename(Member(*l, "fallback_language"), s.source_names, EntityKind::kLanguage);
    const JsonDocument* t = s.TargetByCodename(EntityKind::kLanguage, codename);
    if (t == nullptr) {
      JsonWriter w;
      w.StartObject().Key("name").String(name).Key("codename").String(codename);
      w.Key("is_active").Bool(BoolMember(*l, "is_active").value_or(true));
      if (auto ext = StringMember(*l, "external_id")) w.Key("external_id").String(*ext);
      const bool fallback_now = fallback.empty() || available.count(fallback) > 0;
      if (!fallback.empty() && fallback_now)
        w.Key("fallback_language").StartObject().Key("codename").String(fallback).EndObject();
      w.EndObject();
      s.before.push_back(Write("language", codename, ep::AddLanguage(w.view()), true));
      s.before.back().probe = [codename] { return ep::GetLanguage(Reference::ByCodename(codename)); };
      available.insert(codename);
      if (!fallback_now) {
        JsonDocument ops = NewArray();
        AddPropertyOp(ops, "fallback_language", CodenameRef(fallback, ops.GetAllocator()));
        fallbacks.push_back(
            Write("language", codename, ep::ModifyLanguage(Reference::ByCodename(codename), ToJsonString(ops))));
      }
      s.Plan("languages", codename, PlanAction::kCreate);
      continue;
    }
    JsonDocument ops = NewArray();
    std::vector<std::string> diffs;
    if (Str(*t, "name") != name) {
      diffs.push_back("name");
      AddPropertyOp(ops, "name", MakeString(name, ops.GetAllocator()));
    }
    const bool active = BoolMember(*l, "is_active").value_or(true);
    if (BoolMember(*t, "is_active").value_or(true) != active) {
      diffs.push_back("is_active");
      AddPropertyOp(ops, "is_active", JsonValue(active));
    }
    if (!fallback.empty() &&
        RefCodename(Member(*t, "fallback_language"), s.target_names, EntityKind::kLanguage) != fallback) {
      diffs.push_back("fallback_language");
      AddPropertyOp(ops, "fallback_language", CodenameRef(fallback, ops.GetAllocator()));
    }
    if (diffs.empty()) {
      s.Plan("languages", codename, PlanAction::kUnchanged);
    } else if (s.MayUpdate()) {
      fallbacks.push_back(
          Write("language", codename, ep::ModifyLanguage(Reference::ByCodename(codename), ToJsonString(ops))));
      s.Plan("languages", codename, PlanAction::kUpdate, Join(diffs));
    } else {
      s.Plan("languages", codename, PlanAction::kSkip, "differs from the archive: " + Join(diffs));
    }
  }
  for (ModelWrite& w : fallbacks) s.before.push_back(std::move(w));
}

void PlanCollections(State& s) {
  JsonDocument ops = NewArray();
  auto& a = ops.GetAllocator();
  std::vector<std::string> added;
  bool renames = false;
  for (const auto& c : s.source[EntityKind::kCollection]) {
    const std::string codename = Str(*c, "codename"), name = Str(*c, "name");
    s.available["collections"].insert(codename);
    const JsonDocument* t = s.TargetByCodename(EntityKind::kCollection, codename);
    if (t == nullptr) {
      JsonValue value(rapidjson::kObjectType);
      value.AddMember("name", MakeString(name, a), a);
      value.AddMember("codename", MakeString(codename, a), a);
      if (auto ext = StringMember(*c, "external_id")) value.AddMember("external_id", MakeString(*ext, a), a);
      JsonValue op(rapidjson::kObjectType);
      op.AddMember("op", "addInto", a);
      op.AddMember("value", std::move(value), a);
      ops.PushBack(std::move(op), a);
      added.push_back(codename);
      s.Plan("collections", codename, PlanAction::kCreate);
    } else if (Str(*t, "name") == name) {
      s.Plan("collections", codename, PlanAction::kUnchanged);
    } else if (s.MayUpdate(codename == "default")) {
      JsonValue ref = CodenameRef(codename, a);
      AddPropertyOp(ops, "name", MakeString(name, a), &ref);
      renames = true;
      s.Plan("collections", codename, PlanAction::kUpdate, "name");
    } else {
      s.Plan("collections", codename, PlanAction::kSkip, "differs from the archive: name");
    }
  }
  if (ops.Empty()) return;
  s.before.push_back(Write("collection", "", ep::ModifyCollections(ToJsonString(ops)), true));
  if (renames) return;
  s.before.back().probe = [] { return ep::ListCollections(); };
  s.before.back().took_effect = [added](const std::string& body) {
    for (const std::string& c : added)
      if (body.find("\"codename\":" + ToJsonString(JsonValue(rapidjson::StringRef(c.c_str())))) == std::string::npos)
        return false;
    return true;
  };
}

void PlanSpaces(State& s) {
  for (const auto& sp : s.source[EntityKind::kSpace]) {
    const std::string codename = Str(*sp, "codename"), name = Str(*sp, "name");
    std::vector<std::string> collections;
    if (const JsonValue* list = Member(*sp, "collections"); list && list->IsArray())
      for (const JsonValue& r : list->GetArray())
        collections.push_back(RefCodename(&r, s.source_names, EntityKind::kCollection));
    JsonDocument col_doc = NewArray();
    for (const std::string& c : collections)
      col_doc.PushBack(CodenameRef(c, col_doc.GetAllocator()), col_doc.GetAllocator());
    const JsonValue* root = Member(*sp, "web_spotlight_root_item");
    const bool has_root = root != nullptr && !ReferenceValue(root).empty();
    const JsonDocument* t = s.TargetByCodename(EntityKind::kSpace, codename);
    if (t == nullptr) {
      JsonWriter w;
      w.StartObject()
          .Key("name")
          .String(name)
          .Key("codename")
          .String(codename)
          .Key("collections")
          .Value(col_doc)
          .EndObject();
      s.before.push_back(Write("space", codename, ep::AddSpace(w.view())));
      s.before.back().probe = [codename] { return ep::GetSpace(Reference::ByCodename(codename)); };
      s.Plan("spaces", codename, PlanAction::kCreate);
    } else {
      std::vector<std::string> target_collections;
      if (const JsonValue* list = Member(*t, "collections"); list && list->IsArray())
        for (const JsonValue& r : list->GetArray())
          target_collections.push_back(RefCodename(&r, s.target_names, EntityKind::kCollection));
      JsonDocument ops = NewArray();
      std::vector<std::string> diffs;
      if (Str(*t, "name") != name) {
        diffs.push_back("name");
        AddPropertyOp(ops, "name", MakeString(name, ops.GetAllocator()));
      }
      if (std::multiset<std::string>(collections.begin(), collections.end()) !=
          std::multiset<std::string>(target_collections.begin(), target_collections.end())) {
        diffs.push_back("collections");
        AddPropertyOp(ops, "collections", JsonValue(col_doc, ops.GetAllocator()));
      }
      if (diffs.empty()) {
        s.Plan("spaces", codename, PlanAction::kUnchanged);
      } else if (s.MayUpdate()) {
        s.before.push_back(
            Write("space", codename, ep::ModifySpace(Reference::ByCodename(codename), ToJsonString(ops))));
        s.Plan("spaces", codename, PlanAction::kUpdate, Join(diffs));
      } else {
        s.Plan("spaces", codename, PlanAction::kSkip, "differs from the archive: " + Join(diffs));
      }
      continue;  // an existing space's root item is left alone (the target's item ids are not known here)
    }
    if (has_root) {
      const std::string item_id = ReferenceValue(root);
      ModelWrite w;
      w.kind = "space";
      w.codename = codename;
      w.request = [&s, codename, item_id] {
        JsonDocument ops = NewArray();
        JsonValue ref(rapidjson::kObjectType);
        ref.AddMember("id", MakeString(item_id, ops.GetAllocator()), ops.GetAllocator());
        s.ItemToExternalId(ref, ops.GetAllocator());
        AddPropertyOp(ops, "web_spotlight_root_item", std::move(ref));
        return ep::ModifySpace(Reference::ByCodename(codename), ToJsonString(ops));
      };
      s.after.push_back(std::move(w));
    }
  }
}

}  // namespace kbulk::importer
