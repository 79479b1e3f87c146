// RewriteElementsForImport(): walks the elements by their type (from the archive's model) and edits the
// parsed array in place; rich text goes through the rich-text engine's splice rewriter.
#include "content/import_rewrite.h"

#include <unordered_set>

#include "content/element_references.h"
#include "content/json_depth.h"
#include "core/json.h"
#include "richtext/reference_rewriter.h"

namespace kbulk::content {
namespace {

// The service nests components 6 levels deep; a hostile record may nest more.
constexpr int kMaxComponentDepth = 16;

std::string Quoted(std::string_view s) {
  return "'" + std::string(s) + "'";
}

class ImportRewriter {
 public:
  ImportRewriter(const ModelIndex& model, const ImportNaming& naming, JsonAllocator& allocator)
      : model_(model), naming_(naming), allocator_(allocator) {}

  Status Elements(JsonValue& elements, const std::string& parent, int depth) {
    if (!elements.IsArray()) {
      return Corrupt(parent.empty() ? "variant elements are not an array"
                                    : "element " + Quoted(parent) + ": component elements are not an array");
    }
    for (JsonValue& element : elements.GetArray()) KBULK_RETURN_IF_ERROR(Element(element, parent, depth));
    return Status::Ok();
  }

  std::vector<std::string> TakeForwardReferences() { return std::move(forward_); }

 private:
  Status Element(JsonValue& element, const std::string& parent, int depth) {
    const JsonValue* reference = element.IsObject() ? Member(element, "element") : nullptr;
    auto id = reference != nullptr ? StringMember(*reference, "id") : std::nullopt;
    if (!id) {
      std::string where = parent.empty() ? "a variant element" : "an element of " + Quoted(parent);
      return Corrupt(where + " does not name its element by id");
    }
    const ModelIndex::ElementInfo* info = model_.Element(*id);
    if (info == nullptr) {
      std::string where = parent.empty() ? "" : " (in " + Quoted(parent) + ")";
      return Corrupt("element id:" + std::string(*id) + where + " is not in the archive's content model");
    }
    std::string name = parent.empty() ? info->codename : parent + "/" + info->codename;
    JsonValue by_codename(rapidjson::kObjectType);
    by_codename.AddMember("codename", MakeString(info->codename, allocator_), allocator_);
    element["element"] = by_codename;
    auto value = element.FindMember("value");
    if (value == element.MemberEnd()) return Corrupt("element " + Quoted(name) + " has no value");
    if (info->type == "rich_text") return RichText(element, name, depth);
    std::optional<TargetKind> target = ValueTargetOf(info->type);
    if (!target) return Status::Ok();  // text, number, date_time, url_slug, custom: kept as they are
    switch (*target) {
      case TargetKind::kItem: return References(value->value, name, Target::kItem);
      case TargetKind::kAsset: return References(value->value, name, Target::kAsset);
      case TargetKind::kTaxonomyTerm: return References(value->value, name, Target::kTerm);
      case TargetKind::kOption: return References(value->value, name, Target::kOption);
      default: return Status::Ok();
    }
  }

  enum class Target { kItem, kAsset, kRendition, kTerm, kOption };

  Status References(JsonValue& value, const std::string& name, Target target) {
    if (value.IsNull()) return Status::Ok();
    if (!value.IsArray()) return Corrupt("element " + Quoted(name) + ": value is not an array of references");
    for (JsonValue& reference : value.GetArray()) KBULK_RETURN_IF_ERROR(Reference(reference, name, target));
    return Status::Ok();
  }

  // Replaces {"id": ...} by {"external_id": ...} or {"codename": ...}; other members (renditions) follow.
  Status Reference(JsonValue& reference, const std::string& name, Target target) {
    if (!reference.IsObject()) return Corrupt("element " + Quoted(name) + ": a reference is not an object");
    auto id_member = reference.FindMember("id");
    if (id_member == reference.MemberEnd()) {
      if (StringMember(reference, "external_id") || StringMember(reference, "codename")) return Status::Ok();
      return Corrupt("element " + Quoted(name) + ": a reference names no object");
    }
    if (!id_member->value.IsString()) return Corrupt("element " + Quoted(name) + ": a reference id is not a string");
    std::string id(id_member->value.GetString(), id_member->value.GetStringLength());
    const char* key = "external_id";
    std::string replacement;
    switch (target) {
      case Target::kItem:
        replacement = naming_.item_target_id ? naming_.item_target_id(id) : std::string();
        if (!replacement.empty()) {
          key = "id";  // an item matched by codename keeps its id (it has no external id)
          break;
        }
        replacement = ExternalId(richtext::TargetKind::kItem, id, name);
        break;
      case Target::kAsset:
        replacement = naming_.asset_target_id ? naming_.asset_target_id(id) : std::string();
        if (!replacement.empty()) {
          key = "id";  // an asset matched by codename keeps its id
          break;
        }
        replacement = ExternalId(richtext::TargetKind::kAsset, id, name);
        break;
      case Target::kRendition:
        replacement = naming_.rendition_external_id ? naming_.rendition_external_id(id) : SourceExternalId(id);
        break;
      case Target::kTerm:
      case Target::kOption: {
        const std::string* codename = target == Target::kTerm ? model_.TermCodename(id) : model_.OptionCodename(id);
        if (codename == nullptr) {
          return Corrupt("element " + Quoted(name) + ": " +
                         (target == Target::kTerm ? "taxonomy term" : "multiple choice option") + " id:" + id +
                         " is not in the archive's content model");
        }
        key = "codename";
        replacement = *codename;
        break;
      }
    }
    JsonValue rewritten(rapidjson::kObjectType);
    rewritten.AddMember(JsonValue(rapidjson::StringRef(key)), MakeString(replacement, allocator_), allocator_);
    for (auto& member : reference.GetObject()) {
      if (member.name == "id") continue;
      if (target == Target::kAsset && member.name == "renditions") {
        KBULK_RETURN_IF_ERROR(References(member.value, name, Target::kRendition));
      }
      rewritten.AddMember(member.name, member.value, allocator_);  // moves
    }
    reference = rewritten;
    return Status::Ok();
  }

  std::string ExternalId(richtext::TargetKind kind, std::string_view id, const std::string& name) {
    bool in_archive = true;
    std::string external_id = kind == richtext::TargetKind::kAsset ? naming_.asset_external_id(id, in_archive)
                                                                   : naming_.item_external_id(id, in_archive);
    if (!in_archive) {
      std::string note =
          std::string(richtext::TargetKindName(kind)) + " " + std::string(id) + " in element " + Quoted(name);
      if (seen_.insert(note).second) forward_.push_back(std::move(note));
    }
    return external_id;
  }

  Status RichText(JsonValue& element, const std::string& name, int depth) {
    if (depth > kMaxComponentDepth) return Corrupt("element " + Quoted(name) + ": components nested too deeply");
    JsonValue& value = element["value"];
    if (value.IsString()) {
      richtext::RewriteOptions options;
      options.unmapped = richtext::UnmappedPolicy::kExternalIdPlaceholder;
      options.placeholder_external_id = [&](richtext::TargetKind kind, std::string_view id) {
        return ExternalId(kind, id, name);
      };
      std::string_view html(value.GetString(), value.GetStringLength());
      richtext::RewriteMaps maps;  // items matched by codename keep their target id
      if (naming_.item_target_id || naming_.asset_target_id) {
        std::vector<ElementReference> references;
        CollectRichTextReferences(html, name, references);
        for (const ElementReference& r : references) {
          if (r.by != Reference::Kind::kId) continue;
          bool item = r.target == TargetKind::kItem, asset = r.target == TargetKind::kAsset;
          const auto& lookup = item ? naming_.item_target_id : naming_.asset_target_id;
          if ((!item && !asset) || !lookup) continue;
          if (std::string target_id = lookup(r.value); !target_id.empty())
            (item ? maps.items : maps.assets).id_to_id[r.value] = target_id;
        }
      }
      auto result = richtext::RewriteReferences(html, maps, options);
      if (!result.ok()) return Corrupt("element " + Quoted(name) + ": " + result.status().message());
      if (result->rewritten > 0) value = MakeString(result->html, allocator_);
    } else if (!value.IsNull()) {
      return Corrupt("element " + Quoted(name) + ": rich text value is not a string");
    }
    auto components = element.FindMember("components");
    if (components == element.MemberEnd() || components->value.IsNull()) return Status::Ok();
    if (!components->value.IsArray()) return Corrupt("element " + Quoted(name) + ": components are not an array");
    for (JsonValue& component : components->value.GetArray()) {
      auto component_id = component.IsObject() ? StringMember(component, "id") : std::nullopt;
      if (!component_id) return Corrupt("element " + Quoted(name) + ": a component has no id");
      std::string component_name = name + "/component:" + std::string(*component_id);
      const JsonValue* type = Member(component, "type");
      auto type_id = type != nullptr ? StringMember(*type, "id") : std::nullopt;
      if (type_id) {
        const std::string* codename = model_.TypeCodename(*type_id);
        if (codename == nullptr) {
          return Corrupt("element " + Quoted(component_name) + ": content type id:" + std::string(*type_id) +
                         " is not in the archive's content model");
        }
        JsonValue by_codename(rapidjson::kObjectType);
        by_codename.AddMember("codename", MakeString(*codename, allocator_), allocator_);
        component["type"] = by_codename;
      } else if (type == nullptr || !StringMember(*type, "codename")) {
        return Corrupt("element " + Quoted(component_name) + ": the component names no content type");
      }
      auto nested = component.FindMember("elements");
      if (nested == component.MemberEnd()) continue;
      KBULK_RETURN_IF_ERROR(Elements(nested->value, component_name, depth + 1));
    }
    return Status::Ok();
  }

  const ModelIndex& model_;
  const ImportNaming& naming_;
  JsonAllocator& allocator_;
  std::vector<std::string> forward_;
  std::unordered_set<std::string> seen_;
};

}  // namespace

Result<RewriteResult> RewriteElementsForImport(std::string_view elements_json, const ModelIndex& model,
                                               const ImportNaming& naming) {
  if (!naming.item_external_id || !naming.asset_external_id) {
    return Internal("RewriteElementsForImport: the import naming is incomplete");
  }
  KBULK_RETURN_IF_ERROR(CheckJsonDepth(elements_json, "variant elements"));
  auto parsed = ParseJson(elements_json);
  if (!parsed.ok()) return Corrupt("variant elements: " + parsed.status().message());
  JsonDocument& document = *parsed;
  ImportRewriter rewriter(model, naming, document.GetAllocator());
  KBULK_RETURN_IF_ERROR(rewriter.Elements(document, "", 0));
  RewriteResult result;
  result.elements_json = ToJsonString(document);
  result.forward_references = rewriter.TakeForwardReferences();
  return result;
}

}  // namespace kbulk::content
