// SeedRuleProblems: indexes the seed's model, then checks codenames, variants (workflow placement,
// schedules, element values, required elements) and renditions against it.
#include "seed_rules.h"

#include <algorithm>
#include <map>
#include <regex>
#include <set>

#include "core/codename.h"
#include "emulator/seeds/sample_ids.h"
#include "emulator/time_zones.h"

namespace kbulk::emulator::testing {
namespace {

const std::string kNil(sample::kNil);
const std::string kPublished(sample::kPublishedStep);
const std::string kScheduled(sample::kScheduledStep);
const std::string kArchived(sample::kArchivedStep);

std::string Str(const JsonValue& object, std::string_view key) {
  return std::string(StringMember(object, key).value_or(""));
}
std::string RefId(const JsonValue& object, std::string_view key) {
  const JsonValue* ref = Member(object, key);
  return ref ? Str(*ref, "id") : "";
}
bool IsDateTime(std::string_view text) {
  static const std::regex kIso(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?(Z|[+-]\d{2}:\d{2}))");
  return std::regex_match(text.begin(), text.end(), kIso);
}
bool IsZoneName(std::string_view text) {
  return IsValidTimeZone(text);
}  // canonical IANA, as the service
bool HasValue(const JsonValue* value) {
  if (value == nullptr || value->IsNull()) return false;
  if (value->IsString()) return value->GetStringLength() > 0 && std::string_view(value->GetString()) != "<p><br></p>";
  if (value->IsArray()) return !value->Empty();
  return true;
}

struct ElementDef {
  std::string type, codename, mode;
  bool required = false;
  std::set<std::string> options;
  std::string group;
};
struct Workflow {
  std::vector<std::string> steps;  // regular steps, in order
  std::map<std::string, std::set<std::string>> transitions;
  std::vector<std::pair<std::set<std::string>, std::set<std::string>>> scopes;  // (types, collections)
};
struct Item {
  std::string type, collection;
};

class Checker {
 public:
  explicit Checker(const RecordingSink& sink) : sink_(sink) {}

  std::vector<std::string> Run() {
    for (const Put& p : sink_.puts)
      if (p.what == Put::What::kObject) Index(p.kind, p.json);
    for (const Put* v : sink_.Variants()) CheckVariant(*v);
    return std::move(problems_);
  }

 private:
  void Problem(std::string text) { problems_.push_back(std::move(text)); }

  void Codename(std::string_view kind, std::string_view codename, CodenameKind rule = CodenameKind::kStandard) {
    if (Status s = ValidateCodename(codename, rule); !s.ok())
      Problem(std::string(kind) + " '" + std::string(codename) + "': " + s.message());
    if (!seen_codenames_[std::string(kind)].insert(std::string(codename)).second)
      Problem(std::string(kind) + " codename '" + std::string(codename) + "' is not unique");
  }

  void Terms(const JsonValue& terms, std::set<std::string>& into) {
    if (!terms.IsArray()) return;
    for (const JsonValue& t : terms.GetArray()) {
      into.insert(Str(t, "id"));
      Codename("taxonomy term", Str(t, "codename"), CodenameKind::kOptionOrTerm);
      if (const JsonValue* sub = Member(t, "terms")) Terms(*sub, into);
    }
  }

  void Model(const JsonValue& doc, bool snippet) {
    const std::string codename = Str(doc, "codename");
    Codename(snippet ? "snippet" : "content type", codename);
    std::map<std::string, ElementDef>& elements = model_elements_[Str(doc, "id")];
    const JsonValue* list = Member(doc, "elements");
    if (list == nullptr || !list->IsArray()) return;
    for (const JsonValue& e : list->GetArray()) {
      ElementDef def{Str(e, "type"), Str(e, "codename"), Str(e, "mode"), BoolMember(e, "is_required").value_or(false)};
      if (def.type == "guidelines") continue;
      if (snippet) {
        if (Status s = ValidateSnippetElementCodename(codename, def.codename); !s.ok())
          Problem("snippet element '" + def.codename + "': " + s.message());
      }
      Codename("element of " + codename, def.codename);
      if (const JsonValue* options = Member(e, "options"); options && options->IsArray())
        for (const JsonValue& o : options->GetArray()) {
          def.options.insert(Str(o, "id"));
          Codename("option of " + def.codename, Str(o, "codename"), CodenameKind::kOptionOrTerm);
        }
      def.group = RefId(e, "taxonomy_group");
      if (def.type == "snippet")
        snippet_uses_[Str(doc, "id")].push_back(RefId(e, "snippet"));
      else
        elements[Str(e, "id")] = std::move(def);
    }
  }

  void Index(EntityKind kind, const std::string& json) {
    JsonDocument doc = ParseJson(json).value();
    const std::string id = Str(doc, "id");
    switch (kind) {
      case EntityKind::kLanguage: {
        const std::string codename = Str(doc, "codename");
        static const std::regex kLanguage(R"([A-Za-z0-9_-]{1,25})");
        if (!std::regex_match(codename, kLanguage)) Problem("language codename '" + codename + "' breaks the rules");
        languages_.insert(id);
        break;
      }
      case EntityKind::kCollection:
        Codename("collection", Str(doc, "codename"));
        collections_.insert(id);
        break;
      case EntityKind::kSpace: Codename("space", Str(doc, "codename")); break;
      case EntityKind::kTaxonomyGroup:
        Codename("taxonomy group", Str(doc, "codename"));
        if (const JsonValue* terms = Member(doc, "terms")) Terms(*terms, terms_[id]);
        break;
      case EntityKind::kSnippet: Model(doc, true); break;
      case EntityKind::kContentType:
        Model(doc, false);
        types_.insert(id);
        break;
      case EntityKind::kWorkflow: IndexWorkflow(doc); break;
      case EntityKind::kAsset:
        Codename("asset", Str(doc, "codename"));
        assets_[id] = {IntMember(doc, "image_width").value_or(0), IntMember(doc, "image_height").value_or(0)};
        break;
      case EntityKind::kRendition: CheckRendition(doc); break;
      case EntityKind::kWebSpotlight:
        if (BoolMember(doc, "enabled").value_or(false) && !types_.count(RefId(doc, "root_type")))
          Problem("Web Spotlight is on without an existing root type");
        break;
      case EntityKind::kItem:
        Codename("item", Str(doc, "codename"));
        items_[id] = {RefId(doc, "type"), RefId(doc, "collection")};
        if (!collections_.count(items_[id].collection) && items_[id].collection != kNil)
          Problem("item " + id + " is in a collection the seed does not have");
        break;
      default: break;
    }
  }

  void IndexWorkflow(const JsonValue& doc) {
    const std::string id = Str(doc, "id");
    Codename("workflow", Str(doc, "codename"));
    Workflow& wf = workflows_[id];
    if (const JsonValue* steps = Member(doc, "steps"); steps && steps->IsArray())
      for (const JsonValue& s : steps->GetArray()) {
        wf.steps.push_back(Str(s, "id"));
        Codename("step of workflow " + Str(doc, "codename"), Str(s, "codename"));
        if (const JsonValue* to = Member(s, "transitions_to"); to && to->IsArray())
          for (const JsonValue& t : to->GetArray()) wf.transitions[wf.steps.back()].insert(RefId(t, "step"));
      }
    if (wf.steps.empty()) Problem("workflow " + id + " has no steps");
    if (const JsonValue* scopes = Member(doc, "scopes"); scopes && scopes->IsArray())
      for (const JsonValue& scope : scopes->GetArray()) {
        std::set<std::string> types, collections;
        if (const JsonValue* t = Member(scope, "content_types"); t && t->IsArray())
          for (const JsonValue& r : t->GetArray()) types.insert(Str(r, "id"));
        if (const JsonValue* c = Member(scope, "collections"); c && c->IsArray())
          for (const JsonValue& r : c->GetArray()) collections.insert(Str(r, "id"));
        wf.scopes.emplace_back(std::move(types), std::move(collections));
      }
  }

  void CheckRendition(const JsonValue& doc) {
    const std::string id = Str(doc, "rendition_id"), asset = Str(doc, "asset_id");
    renditions_[id] = asset;
    auto it = assets_.find(asset);
    if (it == assets_.end()) return Problem("rendition " + id + " belongs to no seeded asset");
    auto [width, height] = it->second;
    if (width == 0 || height == 0) return Problem("rendition " + id + " belongs to an asset that is not an image");
    const JsonValue* t = Member(doc, "transformation");
    if (t == nullptr) return Problem("rendition " + id + " has no transformation");
    auto num = [&](const char* key) { return IntMember(*t, key).value_or(-1); };
    if (num("x") < 0 || num("y") < 0 || num("width") <= 0 || num("height") <= 0 || num("x") + num("width") > width ||
        num("y") + num("height") > height)
      Problem("rendition " + id + " reaches outside its image");
    if (num("custom_width") <= 0 || num("custom_height") <= 0 || num("custom_width") > num("width") ||
        num("custom_height") > num("height"))
      Problem("rendition " + id + " upscales or has no output size");
  }

  // The workflow a new variant of `item` gets: the first scope matching its type and collection.
  std::string ScopedWorkflow(const Item& item) const {
    for (const auto& [id, wf] : workflows_)
      for (const auto& [types, collections] : wf.scopes)
        if ((types.empty() || types.count(item.type)) && (collections.empty() || collections.count(item.collection)))
          return id;
    return kNil;
  }

  // Regular steps reachable from the first step through transitions.
  static std::set<std::string> Reachable(const Workflow& wf) {
    std::set<std::string> seen;
    std::vector<std::string> todo{wf.steps.empty() ? "" : wf.steps.front()};
    while (!todo.empty()) {
      std::string s = todo.back();
      todo.pop_back();
      if (!seen.insert(s).second) continue;
      if (auto it = wf.transitions.find(s); it != wf.transitions.end())
        for (const std::string& next : it->second) todo.push_back(next);
    }
    return seen;
  }

  bool ReachableFrom(const Workflow& wf, const std::set<std::string>& targets) const {
    for (const std::string& s : Reachable(wf))
      if (auto it = wf.transitions.find(s); it != wf.transitions.end())
        for (const std::string& to : it->second)
          if (targets.count(to)) return true;
    return false;
  }

  std::map<std::string, const ElementDef*> ElementsOf(const std::string& type) const {
    std::map<std::string, const ElementDef*> out;
    auto add = [&](const std::string& model) {
      if (auto it = model_elements_.find(model); it != model_elements_.end())
        for (const auto& [id, def] : it->second) out[id] = &def;
    };
    add(type);
    if (auto it = snippet_uses_.find(type); it != snippet_uses_.end())
      for (const std::string& snippet : it->second) add(snippet);
    return out;
  }

  void CheckElements(const std::string& where, const std::string& type, const JsonValue& elements, bool published);
  void CheckValue(const std::string& where, const ElementDef& def, const JsonValue& e);
  void CheckVariant(const Put& put);

  const RecordingSink& sink_;
  std::vector<std::string> problems_;
  std::map<std::string, std::set<std::string>> seen_codenames_;
  std::set<std::string> languages_{kNil}, collections_{kNil}, types_;
  std::map<std::string, std::set<std::string>> terms_;
  std::map<std::string, std::map<std::string, ElementDef>> model_elements_;
  std::map<std::string, std::vector<std::string>> snippet_uses_;
  std::map<std::string, Workflow> workflows_;
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> assets_;  // image width, height (0 = not an image)
  std::map<std::string, std::string> renditions_;                        // rendition -> asset
  std::map<std::string, Item> items_;
};

void Checker::CheckValue(const std::string& where, const ElementDef& def, const JsonValue& e) {
  const JsonValue* value = Member(e, "value");
  const std::string at = where + " element " + def.codename;
  if (value == nullptr || value->IsNull()) return;
  auto refs = [&](auto&& valid, const char* what) {
    if (!value->IsArray()) return Problem(at + ": value is not an array");
    for (const JsonValue& r : value->GetArray())
      if (!valid(Str(r, "id"))) Problem(at + ": " + what + " " + Str(r, "id") + " does not exist");
  };
  if (def.type == "text" && !value->IsString()) Problem(at + ": not a string");
  if (def.type == "number" && !value->IsNumber()) Problem(at + ": not a number");
  if (def.type == "date_time") {
    if (!value->IsString() || !IsDateTime(value->GetString())) Problem(at + ": not an ISO 8601 date-time");
    if (auto zone = StringMember(e, "display_timezone"); zone && !IsZoneName(*zone))
      Problem(at + ": display time zone '" + std::string(*zone) + "' is not an IANA name");
  }
  if (def.type == "url_slug") {
    const std::string mode = Str(e, "mode");
    if (mode != "autogenerated" && mode != "custom") Problem(at + ": URL slug mode '" + mode + "'");
  }
  if (def.type == "multiple_choice") {
    refs([&](const std::string& id) { return def.options.count(id) > 0; }, "option");
    if (def.mode == "single" && value->IsArray() && value->Size() > 1) Problem(at + ": two options in single mode");
  }
  if (def.type == "taxonomy") {
    const std::set<std::string>& terms = terms_[def.group];
    refs([&](const std::string& id) { return terms.count(id) > 0; }, "term");
  }
  if (def.type == "modular_content" || def.type == "subpages")
    refs([&](const std::string& id) { return items_.count(id) > 0; }, "item");
  if (def.type == "asset" && value->IsArray()) {
    refs([&](const std::string& id) { return assets_.count(id) > 0; }, "asset");
    for (const JsonValue& r : value->GetArray())
      if (const JsonValue* rs = Member(r, "renditions"); rs && rs->IsArray())
        for (const JsonValue& rendition : rs->GetArray()) {
          auto it = renditions_.find(Str(rendition, "id"));
          if (it == renditions_.end() || it->second != Str(r, "id"))
            Problem(at + ": rendition " + Str(rendition, "id") + " is not a rendition of asset " + Str(r, "id"));
        }
  }
}

void Checker::CheckElements(const std::string& where, const std::string& type, const JsonValue& elements,
                            bool published) {
  if (!types_.count(type)) return Problem(where + ": type " + type + " does not exist");
  const auto defs = ElementsOf(type);
  std::set<std::string> with_value;
  for (const JsonValue& e : elements.GetArray()) {
    const std::string id = RefId(e, "element");
    auto it = defs.find(id);
    if (it == defs.end()) {
      Problem(where + ": element " + id + " is not an element of its type");
      continue;
    }
    CheckValue(where, *it->second, e);
    if (HasValue(Member(e, "value"))) with_value.insert(id);
    if (const JsonValue* components = Member(e, "components"); components && components->IsArray())
      for (const JsonValue& c : components->GetArray())
        if (const JsonValue* ce = Member(c, "elements"); ce && ce->IsArray())
          CheckElements(where + " component " + Str(c, "id"), RefId(c, "type"), *ce, published);
  }
  if (published)
    for (const auto& [id, def] : defs)
      if (def->required && !with_value.count(id))
        Problem(where + ": published without required element " + def->codename);
}

void Checker::CheckVariant(const Put& put) {
  JsonDocument doc = ParseJson(put.json).value();
  const std::string item_id = RefId(doc, "item"), language = RefId(doc, "language");
  const std::string where = "variant " + item_id + "/" + language;
  auto item = items_.find(item_id);
  if (item == items_.end()) return Problem(where + ": item does not exist");
  if (!languages_.count(language)) Problem(where + ": language does not exist");
  const JsonValue* place = Member(doc, "workflow");
  const std::string workflow_id = place ? RefId(*place, "workflow_identifier") : "";
  const std::string step = place ? RefId(*place, "step_identifier") : "";
  if (RefId(doc, "workflow_step") != step) Problem(where + ": workflow_step and workflow.step_identifier differ");
  auto wf = workflows_.find(workflow_id);
  if (wf == workflows_.end()) return Problem(where + ": workflow " + workflow_id + " does not exist");
  if (workflow_id != ScopedWorkflow(item->second))
    Problem(where + ": in workflow " + workflow_id + ", not the one its type and collection are scoped to");
  const std::set<std::string> reachable = Reachable(wf->second);
  const bool regular = std::count(wf->second.steps.begin(), wf->second.steps.end(), step) > 0;
  if (regular && !reachable.count(step)) Problem(where + ": step " + step + " cannot be reached from the first step");
  if (!regular && step != kPublished && step != kScheduled && step != kArchived)
    Problem(where + ": step " + step + " is not a step of its workflow");
  if ((step == kPublished || step == kScheduled || put.published) && !ReachableFrom(wf->second, {kPublished}))
    Problem(where + ": no step of its workflow leads to Published");
  if (step == kArchived && !ReachableFrom(wf->second, {kPublished, kArchived}))
    Problem(where + ": no step of its workflow leads to Archived");
  if (put.published && step != wf->second.steps.front())
    Problem(where + ": a newer version after a published one starts in the first step");

  const JsonValue* schedule = Member(doc, "schedule");
  auto time = [&](const char* key) { return schedule ? Str(*schedule, key) : ""; };
  if (!time("publish_time").empty() != (step == kScheduled))
    Problem(where + ": a publish time belongs exactly to variants in Scheduled");
  if (!time("unpublish_time").empty() && step != kPublished)
    Problem(where + ": only a published variant can be scheduled to unpublish");
  for (const char* key : {"publish_time", "unpublish_time"}) {
    if (time(key).empty()) continue;
    if (!IsDateTime(time(key)) || time(key) < "2027") Problem(where + ": " + key + " is not a future date-time");
    const std::string zone =
        time(key == std::string("publish_time") ? "publish_display_timezone" : "unpublish_display_timezone");
    if (!zone.empty() && !IsZoneName(zone)) Problem(where + ": display time zone '" + zone + "'");
  }
  if (const JsonValue* due = Member(doc, "due_date"))
    if (auto value = StringMember(*due, "value"); value && !IsDateTime(*value))
      Problem(where + ": due date is not a date-time");

  const JsonValue* elements = Member(doc, "elements");
  if (elements == nullptr || !elements->IsArray()) return Problem(where + ": no elements array");
  CheckElements(where, item->second.type, *elements, step == kPublished || step == kArchived);
  if (put.published) {
    JsonDocument published = ParseJson(*put.published).value();
    if (RefId(published, "workflow_step") != kPublished) Problem(where + ": the published version is not Published");
    if (const JsonValue* pe = Member(published, "elements"); pe && pe->IsArray())
      CheckElements(where + " (published)", item->second.type, *pe, true);
  }
}

}  // namespace

std::vector<std::string> SeedRuleProblems(const RecordingSink& sink) {
  return Checker(sink).Run();
}

}  // namespace kbulk::emulator::testing
