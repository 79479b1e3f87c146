// Planner for content types and snippets. Created ones are written by codename (snippets, taxonomy groups,
// content groups, allowed types, depends_on); references to types the target does not hold yet are left
// out and linked by a patch once every type exists; element defaults and guidelines that name items or
// assets (and defaults naming terms or options, as data-ops 2.6.2 does) are set after content. Existing
// ones are compared element by element: a missing element or one of another element type is a conflict
// unless updates are allowed (another element type always is); other differences are patched with
// --update-model and reported otherwise.
#include <cstring>
#include <map>
#include <tuple>

#include "api/endpoints.h"
#include "core/reference.h"
#include "importer/model_state.h"

namespace kbulk::importer {

namespace ep = api::endpoints;
using State = ModelImportState;

namespace {

const JsonValue& ArrayOr(const JsonValue* v) {
  static const JsonValue kEmpty(rapidjson::kArrayType);
  return v != nullptr && v->IsArray() ? *v : kEmpty;
}

bool DefaultWaitsForContent(const std::string& type) {
  return type == "asset" || type == "modular_content" || type == "subpages" || type == "taxonomy" ||
         type == "multiple_choice";
}

bool GuidelinesNameContent(const JsonValue& element) {
  auto g = StringMember(element, "guidelines");
  return g && (g->find("data-item-id") != std::string_view::npos || g->find("data-asset-id") != std::string_view::npos);
}

// Guidelines HTML with item and asset ids turned into the external ids the import gives them.
std::string RewriteGuidelines(std::string html, const State& s) {
  for (auto [from, to, asset] : {std::tuple{"data-item-id=\"", "data-item-external-id=\"", false},
                                 std::tuple{"data-asset-id=\"", "data-asset-external-id=\"", true}}) {
    std::size_t pos = 0;
    while ((pos = html.find(from, pos)) != std::string::npos) {
      std::size_t start = pos + std::strlen(from), end = html.find('"', start);
      if (end == std::string::npos) break;
      JsonDocument ref;
      ref.SetObject();
      ref.AddMember("id", MakeString(html.substr(start, end - start), ref.GetAllocator()), ref.GetAllocator());
      asset ? s.AssetToExternalId(ref, ref.GetAllocator()) : s.ItemToExternalId(ref, ref.GetAllocator());
      std::string replacement = std::string(to) + ReferenceValue(&ref) + "\"";
      html.replace(pos, end + 1 - pos, replacement);
      pos += replacement.size();
    }
  }
  return html;
}

JsonValue Op(const char* op, const std::string& path, JsonValue value, JsonAllocator& a) {
  JsonValue o(rapidjson::kObjectType);
  o.AddMember("op", rapidjson::StringRef(op), a);
  o.AddMember("path", MakeString(path, a), a);
  o.AddMember("value", std::move(value), a);
  return o;
}

struct Pending {       // what one archived type or snippet still needs after its create / patch
  JsonDocument links;  // patch operations adding references to types created later
  std::vector<std::pair<std::string, std::string>> after_defaults;  // element codename, its type
  std::vector<std::string> after_guidelines;                        // element codenames
  Pending() { links.SetArray(); }
};

// An archived element converted for writing, with what must wait taken out (recorded in `pending`).
JsonValue WritableElement(State& s, const JsonValue& element, const std::string& self, Pending& pending,
                          const char* kind_name, JsonAllocator& a) {
  JsonValue e = WritableCopy(element, s.source_names, a);
  const std::string codename = Str(element, "codename"), type = Str(element, "type");
  for (const char* key : {"allowed_content_types", "allowed_item_link_types"}) {
    JsonValue* refs = e.HasMember(key) ? &e[key] : nullptr;
    if (refs == nullptr || !refs->IsArray()) continue;
    bool later = false;
    for (const JsonValue& r : refs->GetArray()) {
      std::string c = ReferenceValue(&r);
      if (c != self && !s.available["content_types"].count(c)) later = true;
    }
    if (!later) continue;
    auto& la = pending.links.GetAllocator();
    pending.links.PushBack(Op("replace", "/elements/codename:" + codename + "/" + key, JsonValue(*refs, la), la), la);
    refs->SetArray();
  }
  (void)kind_name;
  if (DefaultWaitsForContent(type) && e.HasMember("default") && !e["default"].IsNull()) {
    e.RemoveMember("default");
    pending.after_defaults.emplace_back(codename, type);
  }
  if (GuidelinesNameContent(element)) {
    e["guidelines"].SetString("", a);
    pending.after_guidelines.push_back(codename);
  }
  return e;
}

const JsonValue* FindElement(const JsonValue& object, std::string_view codename) {
  const JsonValue* elements = Member(object, "elements");
  if (elements == nullptr || !elements->IsArray()) return nullptr;
  for (const JsonValue& e : elements->GetArray())
    if (StringMember(e, "codename").value_or("\x01") == codename) return &e;
  return nullptr;
}

// The write that sets, after content, what `pending` deferred for archived object `source`.
void DeferAfterContent(State& s, const JsonDocument* source, const std::string& codename, bool snippets,
                       const Pending& pending) {
  if (pending.after_defaults.empty() && pending.after_guidelines.empty()) return;
  ModelWrite w;
  w.kind = snippets ? "snippet" : "content_type";
  w.codename = codename;
  auto defaults = pending.after_defaults;
  auto guidelines = pending.after_guidelines;
  w.request = [&s, source, codename, snippets, defaults, guidelines] {
    JsonDocument ops;
    ops.SetArray();
    auto& a = ops.GetAllocator();
    for (const auto& [element, type] : defaults) {
      const JsonValue* e = FindElement(*source, element);
      bool asset = type == "asset";
      JsonValue value;
      if (e != nullptr && e->HasMember("default")) value.CopyFrom((*e)["default"], a);
      ReferencesToCodenames(value, s.source_names, a, [&s, asset](JsonValue& ref, JsonAllocator& al) {
        asset ? s.AssetToExternalId(ref, al) : s.ItemToExternalId(ref, al);
      });
      ops.PushBack(Op("replace", "/elements/codename:" + element + "/default", std::move(value), a), a);
    }
    for (const std::string& element : guidelines) {
      const JsonValue* e = FindElement(*source, element);
      std::string html = RewriteGuidelines(e ? Str(*e, "guidelines") : "", s);
      ops.PushBack(Op("replace", "/elements/codename:" + element + "/guidelines", MakeString(html, a), a), a);
    }
    Reference ref = Reference::ByCodename(codename);
    return snippets ? ep::ModifySnippet(ref, ToJsonString(ops)) : ep::ModifyType(ref, ToJsonString(ops));
  };
  s.after.push_back(std::move(w));
}

void AddLinks(State& s, const std::string& codename, bool snippets, Pending& pending) {
  if (pending.links.Empty()) return;
  ModelWrite w;
  w.kind = snippets ? "snippet" : "content_type";
  w.codename = codename;
  Reference ref = Reference::ByCodename(codename);
  api::Request r =
      snippets ? ep::ModifySnippet(ref, ToJsonString(pending.links)) : ep::ModifyType(ref, ToJsonString(pending.links));
  w.request = [r] { return r; };
  s.links.push_back(std::move(w));
}

JsonValue GroupBody(const JsonValue& group, JsonAllocator& a) {
  JsonValue g(rapidjson::kObjectType);
  g.AddMember("name", MakeString(Str(group, "name"), a), a);
  g.AddMember("codename", MakeString(Str(group, "codename"), a), a);
  if (auto ext = StringMember(group, "external_id")) g.AddMember("external_id", MakeString(*ext, a), a);
  return g;
}

void Create(State& s, const JsonDocument& t, bool snippets) {
  const std::string codename = Str(t, "codename");
  JsonDocument body;
  body.SetObject();
  auto& a = body.GetAllocator();
  body.AddMember("name", MakeString(Str(t, "name"), a), a);
  body.AddMember("codename", MakeString(codename, a), a);
  if (auto ext = StringMember(t, "external_id")) body.AddMember("external_id", MakeString(*ext, a), a);
  if (!snippets) {
    JsonValue groups(rapidjson::kArrayType);
    if (const JsonValue* list = Member(t, "content_groups"); list && list->IsArray())
      for (const JsonValue& g : list->GetArray()) groups.PushBack(GroupBody(g, a), a);
    body.AddMember("content_groups", std::move(groups), a);
  }
  Pending pending;
  JsonValue elements(rapidjson::kArrayType);
  if (const JsonValue* list = Member(t, "elements"); list && list->IsArray())
    for (const JsonValue& e : list->GetArray())
      elements.PushBack(WritableElement(s, e, snippets ? "" : codename, pending, "", a), a);
  body.AddMember("elements", std::move(elements), a);
  ModelWrite w;
  w.kind = snippets ? "snippet" : "content_type";
  w.codename = codename;
  api::Request r = snippets ? ep::AddSnippet(ToJsonString(body)) : ep::AddType(ToJsonString(body));
  w.request = [r] { return r; };
  w.essential = true;
  w.probe = [codename, snippets] {
    return snippets ? ep::GetSnippet(Reference::ByCodename(codename)) : ep::GetType(Reference::ByCodename(codename));
  };
  s.before.push_back(std::move(w));
  s.available[snippets ? "snippets" : "content_types"].insert(codename);
  s.Plan(snippets ? "snippets" : "content_types", codename, PlanAction::kCreate);
  AddLinks(s, codename, snippets, pending);
  DeferAfterContent(s, &t, codename, snippets, pending);
}

// Compares an existing type or snippet with the archived one; see the file comment.
void CompareExisting(State& s, const JsonDocument& source, const JsonDocument& target, bool snippets) {
  const std::string codename = Str(source, "codename");
  const char* kind_name = snippets ? "snippets" : "content_types";
  JsonDocument ops;
  ops.SetArray();
  auto& a = ops.GetAllocator();
  std::vector<std::string> diffs;
  bool conflict = false;
  Pending pending;
  if (Str(target, "name") != Str(source, "name")) {
    diffs.push_back("name");
    ops.PushBack(Op("replace", "/name", MakeString(Str(source, "name"), a), a), a);
  }
  if (const JsonValue* groups = Member(source, "content_groups"); !snippets && groups && groups->IsArray()) {
    for (const JsonValue& g : groups->GetArray()) {
      bool found = false;
      if (const JsonValue* tg = Member(target, "content_groups"); tg && tg->IsArray())
        for (const JsonValue& x : tg->GetArray()) found = found || Str(x, "codename") == Str(g, "codename");
      if (found) continue;
      diffs.push_back("content group '" + Str(g, "codename") + "' is missing");
      ops.PushBack(Op("addInto", "/content_groups", GroupBody(g, a), a), a);
    }
  }
  const JsonValue* elements = Member(source, "elements");
  for (const JsonValue& se : ArrayOr(elements).GetArray()) {
    const std::string element = Str(se, "codename"), type = Str(se, "type");
    const JsonValue* te_raw = FindElement(target, element);
    if (te_raw == nullptr) {
      if (s.MayUpdate()) {
        diffs.push_back("element '" + element + "' is missing");
        ops.PushBack(Op("addInto", "/elements", WritableElement(s, se, snippets ? "" : codename, pending, "", a), a),
                     a);
      } else {
        conflict = true;
        s.Plan(kind_name, codename, PlanAction::kConflict,
               "element '" + element + "' is missing in the target (" + type + " in the archive)");
      }
      continue;
    }
    const std::string target_type = Str(*te_raw, "type");
    if (target_type != type) {
      conflict = true;
      s.Plan(kind_name, codename, PlanAction::kConflict,
             "element '" + element + "' is " + target_type + " in the target, " + type + " in the archive");
      continue;
    }
    JsonDocument scratch;
    JsonValue want = WritableCopy(se, s.source_names, scratch.GetAllocator());
    JsonValue have = WritableCopy(*te_raw, s.target_names, scratch.GetAllocator());
    const std::string path = "/elements/codename:" + element;
    for (auto& m : want.GetObject()) {
      const std::string key(m.name.GetString(), m.name.GetStringLength());
      if (key == "codename" || key == "type" || key == "external_id" || key == "options") continue;
      if (key == "default" && (type == "asset" || type == "modular_content" || type == "subpages")) continue;
      if (key == "guidelines" && GuidelinesNameContent(se)) continue;
      const JsonValue* current = Member(have, key);
      if (current != nullptr ? JsonEquals(m.value, *current) : m.value.IsNull()) continue;
      diffs.push_back("element '" + element + "' " + key);
      JsonValue op = Op("replace", path + "/" + key, JsonValue(m.value, a), a);
      bool later = false;
      if (key == "allowed_content_types" || key == "allowed_item_link_types")
        for (const JsonValue& r : ArrayOr(&m.value).GetArray())
          later = later || (ReferenceValue(&r) != codename && !s.available["content_types"].count(ReferenceValue(&r)));
      if (later)
        pending.links.PushBack(JsonValue(op, pending.links.GetAllocator()), pending.links.GetAllocator());
      else
        ops.PushBack(std::move(op), a);
    }
    if (const JsonValue* options = Member(want, "options"); options && options->IsArray()) {
      for (const JsonValue& o : options->GetArray()) {
        const std::string option = Str(o, "codename");
        const JsonValue* current = nullptr;
        if (const JsonValue* to = Member(have, "options"); to && to->IsArray())
          for (const JsonValue& x : to->GetArray())
            if (Str(x, "codename") == option) current = &x;
        if (current == nullptr && !s.MayUpdate()) {
          conflict = true;
          s.Plan(kind_name, codename, PlanAction::kConflict,
                 "option '" + option + "' of element '" + element + "' is missing in the target");
        } else if (current == nullptr) {
          diffs.push_back("option '" + option + "' of element '" + element + "' is missing");
          ops.PushBack(Op("addInto", path + "/options", JsonValue(o, a), a), a);
        } else if (Str(*current, "name") != Str(o, "name")) {
          diffs.push_back("option '" + option + "' of element '" + element + "' name");
          ops.PushBack(Op("replace", path + "/options/codename:" + option + "/name", MakeString(Str(o, "name"), a), a),
                       a);
        }
      }
    }
  }
  if (conflict) return;
  std::string detail;
  for (const std::string& d : diffs) detail += (detail.empty() ? "" : "; ") + d;
  if (diffs.empty()) {
    s.Plan(kind_name, codename, PlanAction::kUnchanged);
  } else if (!s.MayUpdate()) {
    s.Plan(kind_name, codename, PlanAction::kSkip,
           "differs from the archive (not updated without --update-model): " + detail);
  } else {
    s.Plan(kind_name, codename, PlanAction::kUpdate, detail);
    if (!ops.Empty()) {
      ModelWrite w;
      w.kind = snippets ? "snippet" : "content_type";
      w.codename = codename;
      Reference ref = Reference::ByCodename(codename);
      api::Request r = snippets ? ep::ModifySnippet(ref, ToJsonString(ops)) : ep::ModifyType(ref, ToJsonString(ops));
      w.request = [r] { return r; };
      w.essential = true;
      s.before.push_back(std::move(w));
    }
    AddLinks(s, codename, snippets, pending);
    DeferAfterContent(s, &source, codename, snippets, pending);
  }
}

}  // namespace

void PlanTypes(State& s, bool snippets) {
  const EntityKind kind = snippets ? EntityKind::kSnippet : EntityKind::kContentType;
  for (const auto& t : s.target[kind]) s.available[snippets ? "snippets" : "content_types"].insert(Str(*t, "codename"));
  for (const auto& t : s.source[kind]) {
    const JsonDocument* existing = s.TargetByCodename(kind, Str(*t, "codename"));
    if (existing == nullptr)
      Create(s, *t, snippets);
    else
      CompareExisting(s, *t, *existing, snippets);
  }
}

}  // namespace kbulk::importer
