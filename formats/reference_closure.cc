// Reference closure: known ids per kind from the model, assets and items; checks of every reference held by
// assets, items and variants (element values walked by the element's type, components recursively).
#include "formats/reference_closure.h"

#include <simdjson.h>

#include <unordered_map>
#include <unordered_set>

#include "formats/archive_layout.h"

namespace kbulk::formats {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;
using Field = simdjson::simdjson_result<element>;

std::string_view Str(Field e, std::string_view key) {
  std::string_view out;
  if (!e[key].get(out)) return out;
  return {};
}

// A Reference object as a lookup key: "id:...", "codename:..." or "external_id:...".
std::string RefKey(Field field) {
  element ref;
  if (field.get(ref) || !ref.is_object()) return {};
  for (std::string_view field : {"id", "codename", "external_id"}) {
    std::string_view v;
    if (!ref[field].get(v)) return Cat(field, ":", v);
  }
  return {};
}

std::string_view Str(element e, std::string_view key) {
  return Str(Field(std::move(e)), key);
}

struct ElementInfo {
  std::string type;
  std::string codename;
};

}  // namespace

std::string DanglingReference::ToString() const {
  std::string s = Cat(owner_kind, " '", owner, "'");
  if (!language.empty()) s += Cat(" language '", language, "' (", version, ")");
  return Cat(s, " element '", element, "': ", target_kind, " ", target, " is not in the archive");
}

struct ReferenceClosure::State {
  RichTextReferenceExtractor rich_text;
  std::size_t max_kept;
  simdjson::dom::parser parser;
  std::unordered_map<std::string, std::unordered_set<std::string>> known;  // target kind -> keys
  std::unordered_map<std::string, std::string> item_names;                 // "id:..." -> codename
  std::unordered_map<std::string, std::string> language_names;
  std::unordered_map<std::string, ElementInfo> elements;  // "id:..." and "codename:..." -> info
  std::vector<DanglingReference> dangling;
  std::uint64_t dangling_count = 0;
  DanglingReference context;  // owner fields of the record being checked

  void Know(const std::string& kind, Field obj) {
    auto& set = known[kind];
    for (std::string_view field : {"id", "codename", "external_id"}) {
      std::string_view v;
      if (!obj[field].get(v)) set.insert(Cat(field, ":", v));
    }
  }
  void Know(const std::string& kind, element obj) { Know(kind, Field(std::move(obj))); }
  void KnowTree(const std::string& kind, element obj, std::string_view children) {
    Know(kind, obj);
    array list;
    if (!obj[children].get(list)) {
      for (element child : list) KnowTree(kind, child, children);
    }
  }
  void KnowElements(element type) {
    array list;
    if (type["elements"].get(list)) return;
    for (element e : list) {
      ElementInfo info{std::string(Str(e, "type")), std::string(Str(e, "codename"))};
      if (!Str(e, "id").empty()) elements[Cat("id:", Str(e, "id"))] = info;
      if (!info.codename.empty()) elements[Cat("codename:", info.codename)] = info;
      array options;
      if (!e["options"].get(options)) {
        for (element o : options) Know("multiple choice option", o);
      }
    }
  }

  void Dangle(std::string_view element_name, std::string_view target_kind, std::string target) {
    ++dangling_count;
    if (dangling.size() >= max_kept) return;
    DanglingReference d = context;
    d.element = element_name;
    d.target_kind = target_kind;
    d.target = std::move(target);
    dangling.push_back(std::move(d));
  }
  void Check(std::string_view element_name, const std::string& kind, Field ref) {
    std::string key = RefKey(ref);
    if (key.empty()) return;
    if (known[kind].count(key) == 0) Dangle(element_name, kind, key);
  }
  void Check(std::string_view element_name, const std::string& kind, element ref) {
    Check(element_name, kind, Field(std::move(ref)));
  }
  void CheckList(std::string_view element_name, const std::string& kind, Field value) {
    array list;
    if (value.get(list)) return;
    for (element ref : list) Check(element_name, kind, ref);
  }

  void CheckRichText(std::string_view element_name, element e) {
    std::string_view html;
    if (rich_text && !e["value"].get(html)) {
      for (const RichTextReference& r : rich_text(html)) {
        std::string kind = r.kind == EntityKind::kAsset ? "asset" : "item";
        std::string prefix = r.target.kind() == Reference::Kind::kId         ? "id:"
                             : r.target.kind() == Reference::Kind::kCodename ? "codename:"
                                                                             : "external_id:";
        std::string key = prefix + r.target.value();
        if (known[kind].count(key) == 0) Dangle(element_name, kind, key);
      }
    }
    array components;
    if (e["components"].get(components)) return;
    for (element c : components) {
      std::string name = Cat(element_name, "/component:", Str(c, "id"));
      Check(name, "content type", c["type"]);
      array nested;
      if (!c["elements"].get(nested)) {
        for (element ne : nested) CheckElement(name, ne);
      }
    }
  }

  void CheckElement(std::string_view parent, element e) {
    std::string key = RefKey(e["element"]);
    auto it = elements.find(key);
    if (it == elements.end()) {
      std::string name = parent.empty() ? key : Cat(parent, "/", key);
      Dangle(name, "content type element", key);
      return;
    }
    const ElementInfo& info = it->second;
    std::string name = parent.empty() ? info.codename : Cat(parent, "/", info.codename);
    Field value = e["value"];
    if (info.type == "asset") {
      array list;
      if (!value.get(list)) {
        for (element ref : list) {
          Check(name, "asset", ref);
          array renditions;
          if (!ref["renditions"].get(renditions)) {
            for (element r : renditions) Check(name, "rendition", r);
          }
        }
      }
    } else if (info.type == "modular_content" || info.type == "subpages") {
      CheckList(name, "item", value);
    } else if (info.type == "taxonomy") {
      CheckList(name, "taxonomy term", value);
    } else if (info.type == "multiple_choice") {
      CheckList(name, "multiple choice option", value);
    } else if (info.type == "rich_text") {
      CheckRichText(name, e);
    }
  }

  void OnAsset(element record) {
    Field asset = record["asset"];
    if (asset.error()) return;
    context = DanglingReference{"asset", std::string(Str(asset, "codename")), "", "", "", "", ""};
    if (context.owner.empty()) context.owner = Cat("id:", Str(asset, "id"));
    std::string_view blob;
    if (!record["kbulk"]["blob"].get(blob) && known["blob"].count(std::string(blob)) == 0) {
      Dangle("blob", "blob", std::string(blob));
    }
    element folder;
    if (!asset["folder"].get(folder) && !Str(folder, "id").empty() &&
        Str(folder, "id") != "00000000-0000-0000-0000-000000000000") {
      Check("folder", "asset folder", folder);
    }
    element collection;
    if (!asset["collection"]["reference"].get(collection) && collection.is_object()) {
      Check("collection", "collection", collection);
    }
    array elems;
    if (!asset["elements"].get(elems)) {
      for (element e : elems) CheckList(RefKey(e["element"]), "taxonomy term", e["value"]);
    }
    Know("asset", asset);
    array renditions;
    if (!record["kbulk"]["renditions"].get(renditions)) {
      for (element r : renditions) {
        std::string_view id;
        if (!r["rendition_id"].get(id)) known["rendition"].insert(Cat("id:", id));
        Know("rendition", r);
      }
    }
  }

  void OnItem(element item) {
    context = DanglingReference{"item", std::string(Str(item, "codename")), "", "", "", "", ""};
    Check("type", "content type", item["type"]);
    element collection;
    if (!item["collection"].get(collection) && collection.is_object()) Check("collection", "collection", collection);
    Know("item", item);
    if (!Str(item, "id").empty()) item_names[Cat("id:", Str(item, "id"))] = context.owner;
  }

  void OnVariant(element record) {
    Field variant = record["variant"];
    if (variant.error()) return;
    std::string item_key = RefKey(variant["item"]);
    std::string language_key = RefKey(variant["language"]);
    auto item = item_names.find(item_key);
    auto language = language_names.find(language_key);
    context = DanglingReference{"item",
                                item != item_names.end() ? item->second : item_key,
                                language != language_names.end() ? language->second : language_key,
                                std::string(Str(record["kbulk"], "version")),
                                "",
                                "",
                                ""};
    Check("item", "item", variant["item"]);
    Check("language", "language", variant["language"]);
    Check("workflow_step", "workflow step", variant["workflow_step"]);
    Check("workflow", "workflow", variant["workflow"]["workflow_identifier"]);
    Check("workflow", "workflow step", variant["workflow"]["step_identifier"]);
    array elems;
    if (!variant["elements"].get(elems)) {
      for (element e : elems) CheckElement("", e);
    }
  }
};

ReferenceClosure::ReferenceClosure(RichTextReferenceExtractor rich_text, std::size_t max_kept)
    : state_(std::make_unique<State>()) {
  state_->rich_text = std::move(rich_text);
  state_->max_kept = max_kept;
}

ReferenceClosure::~ReferenceClosure() = default;

void ReferenceClosure::OnBlob(std::string_view sha256_hex) {
  state_->known["blob"].insert(std::string(sha256_hex));
}

Status ReferenceClosure::OnRecord(EntityKind entity, std::string_view json) {
  State& s = *state_;
  element root;
  if (s.parser.parse(json.data(), json.size(), true).get(root) || !root.is_object()) {
    return Corrupt("a record is not a JSON object");
  }
  switch (entity) {
    case EntityKind::kLanguage:
      s.Know("language", root);
      if (!Str(root, "id").empty()) s.language_names[Cat("id:", Str(root, "id"))] = std::string(Str(root, "codename"));
      break;
    case EntityKind::kCollection: s.Know("collection", root); break;
    case EntityKind::kSpace: s.Know("space", root); break;
    case EntityKind::kTaxonomyGroup:
      s.Know("taxonomy group", root);
      {
        array terms;
        if (!root["terms"].get(terms)) {
          for (element t : terms) s.KnowTree("taxonomy term", t, "terms");
        }
      }
      break;
    case EntityKind::kAssetFolder: s.KnowTree("asset folder", root, "folders"); break;
    case EntityKind::kSnippet:
      s.Know("snippet", root);
      s.KnowElements(root);
      break;
    case EntityKind::kContentType:
      s.Know("content type", root);
      s.KnowElements(root);
      break;
    case EntityKind::kWorkflow: {
      s.Know("workflow", root);
      array steps;
      if (!root["steps"].get(steps)) {
        for (element step : steps) s.Know("workflow step", step);
      }
      for (std::string_view special : {"published_step", "archived_step", "scheduled_step"}) {
        element step;
        if (!root[special].get(step) && step.is_object()) s.Know("workflow step", step);
      }
      break;
    }
    case EntityKind::kAsset: s.OnAsset(root); break;
    case EntityKind::kItem: s.OnItem(root); break;
    case EntityKind::kVariant: s.OnVariant(root); break;
    default: break;
  }
  return Status::Ok();
}

std::uint64_t ReferenceClosure::dangling_count() const {
  return state_->dangling_count;
}
const std::vector<DanglingReference>& ReferenceClosure::dangling() const {
  return state_->dangling;
}

}  // namespace kbulk::formats
