// Classifies validation issues against the imported archive or data-ops backup (read a second time,
// without verification: the import verified it) and the target's current values and content types. See
// post_validation.h.
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "api/endpoints.h"
#include "content/element_references.h"
#include "content/model_index.h"
#include "core/json.h"
#include "formats/archive_reader.h"
#include "importer/dataops_source.h"
#include "importer/post_validation.h"

namespace kbulk::importer {
namespace ep = api::endpoints;
namespace {

// The element settings a validation rule reads (scalars and lists of names; never references, which are
// ids of another environment).
constexpr const char* kRuleKeys[] = {"is_required",          "maximum_text_length",       "item_count_limit",
                                     "asset_count_limit",    "term_count_limit",          "maximum_file_size",
                                     "allowed_file_types",   "image_width_limit",         "image_height_limit",
                                     "allowed_blocks",       "allowed_text_blocks",       "allowed_formatting",
                                     "allowed_table_blocks", "allowed_table_text_blocks", "allowed_table_formatting"};

struct ElementDef {
  std::string owner, codename, type, rule;  // owner: the type's or snippet's codename
};

std::string RuleOf(const JsonValue& element) {
  JsonWriter w;
  w.StartObject();
  for (const char* key : kRuleKeys)
    if (const JsonValue* v = Member(element, key); v != nullptr && !v->IsNull()) w.Key(key).Value(*v);
  w.EndObject();
  return w.str();
}

// Element id -> definition, from one content type or snippet.
void LearnElements(const JsonValue& owner, std::unordered_map<std::string, ElementDef>& out) {
  std::string owner_codename(StringMember(owner, "codename").value_or(""));
  const JsonValue* elements = Member(owner, "elements");
  if (elements == nullptr || !elements->IsArray()) return;
  for (const JsonValue& e : elements->GetArray()) {
    auto id = StringMember(e, "id");
    if (!id) continue;
    out[std::string(*id)] = ElementDef{owner_codename, std::string(StringMember(e, "codename").value_or("")),
                                       std::string(StringMember(e, "type").value_or("")), RuleOf(e)};
  }
}

std::string VariantKey(std::string_view item_codename, std::string_view language_codename) {
  return std::string(item_codename) + "\n" + std::string(language_codename);
}

// What the classification needs from the archive, collected in one pass.
class ArchivePass final : public formats::ArchiveVisitor {
 public:
  explicit ArchivePass(std::set<std::string> wanted) : wanted_(std::move(wanted)) {}

  Status OnRecord(const formats::EntryInfo& info, std::uint64_t, std::string_view json) override {
    switch (info.kind) {
      case formats::EntryKind::kModelDocument:
      case formats::EntryKind::kModelStream: {
        if (!info.entity) return Status::Ok();
        KBULK_RETURN_IF_ERROR(model.Add(*info.entity, json));
        if (*info.entity == EntityKind::kContentType || *info.entity == EntityKind::kSnippet) {
          KBULK_ASSIGN_OR_RETURN(JsonDocument doc, ParseJson(json));
          LearnElements(doc, elements);
        }
        return Status::Ok();
      }
      case formats::EntryKind::kAssets: {
        KBULK_ASSIGN_OR_RETURN(JsonDocument doc, ParseJson(json));
        const JsonValue* asset = Member(doc, "asset");
        if (auto id = StringMember(asset ? *asset : doc, "id")) assets.emplace(*id);
        return Status::Ok();
      }
      case formats::EntryKind::kItems: {
        KBULK_ASSIGN_OR_RETURN(JsonDocument doc, ParseJson(json));
        auto id = StringMember(doc, "id");
        if (id) items.emplace(std::string(*id), std::string(StringMember(doc, "codename").value_or("")));
        return Status::Ok();
      }
      case formats::EntryKind::kVariants: return Variant(json);
      default: return Status::Ok();
    }
  }

  content::ModelIndex model;
  std::unordered_map<std::string, ElementDef> elements;  // archived element id -> definition
  std::unordered_map<std::string, std::string> items;    // id -> codename
  std::unordered_set<std::string> assets;
  std::map<std::string, std::string> variants;  // VariantKey -> the latest version's elements JSON

 private:
  Status Variant(std::string_view json) {
    KBULK_ASSIGN_OR_RETURN(JsonDocument doc, ParseJson(json));
    const JsonValue* envelope = Member(doc, "kbulk");
    if (envelope != nullptr && StringMember(*envelope, "version").value_or("latest") != "latest") return Status::Ok();
    const JsonValue* variant = Member(doc, "variant");
    if (variant == nullptr) return Status::Ok();
    std::string item_id(StringMember(Member(*variant, "item") ? *Member(*variant, "item") : doc, "id").value_or(""));
    std::string language_id(
        StringMember(Member(*variant, "language") ? *Member(*variant, "language") : doc, "id").value_or(""));
    auto item = items.find(item_id);
    const std::string* language = model.LanguageCodename(language_id);
    if (item == items.end() || language == nullptr) return Status::Ok();
    std::string key = VariantKey(item->second, *language);
    if (!wanted_.count(key)) return Status::Ok();
    const JsonValue* elements = Member(*variant, "elements");
    variants[key] = elements ? ToJsonString(*elements) : "[]";
    return Status::Ok();
  }

  std::set<std::string> wanted_;
};

// Text without markup: what rich-text limits (length, words) judge, free of the ids that differ between
// environments.
std::string TextOf(std::string_view html) {
  std::string out;
  bool in_tag = false;
  for (char c : html) {
    if (c == '<') in_tag = true;
    if (!in_tag) out.push_back(c);
    if (c == '>') in_tag = false;
  }
  return out;
}

// A value as a rule sees it.
std::string Comparable(const JsonValue* value, std::string_view type) {
  if (value == nullptr || value->IsNull()) return "null";
  if (value->IsArray()) return "count:" + std::to_string(value->Size());
  if (type == "rich_text" && value->IsString()) return "text:" + TextOf({value->GetString(), value->GetStringLength()});
  return ToJsonString(*value);
}

const JsonValue* ElementValue(const JsonValue& elements, std::string_view element_id) {
  if (!elements.IsArray()) return nullptr;
  for (const JsonValue& e : elements.GetArray()) {
    const JsonValue* ref = Member(e, "element");
    if (ref != nullptr && StringMember(*ref, "id").value_or("") == element_id) return &e;
  }
  return nullptr;
}

// References of an archived element to items or assets the archive does not hold.
std::size_t ForwardReferences(const ArchivePass& archive, const JsonValue& element) {
  JsonDocument one;
  one.SetArray();
  JsonValue copy(element, one.GetAllocator());
  one.PushBack(copy, one.GetAllocator());
  content::ElementReferences refs;
  content::CollectElementReferences(one, content::ResolveWith(archive.model), refs);
  std::size_t forward = 0;
  for (const content::ElementReference& r : refs.references) {
    if (r.by != Reference::Kind::kId) continue;
    if (r.target == content::TargetKind::kItem && !archive.items.count(r.value)) ++forward;
    if (r.target == content::TargetKind::kAsset && !archive.assets.count(r.value)) ++forward;
  }
  return forward;
}

}  // namespace

Result<bool> ClassifyIssues(api::ManagementClient& client, const std::string& archive_path,
                            std::vector<ValidationIssue>& issues, Logger& log) {
  for (ValidationIssue& issue : issues) {
    issue.origin = IssueOrigin::kNew;
    issue.reason = issue.type_issue ? "a content type issue" : "the archive could not be compared";
  }
  if (archive_path.empty() || archive_path == "-") return false;
  std::set<std::string> wanted;
  for (const ValidationIssue& issue : issues)
    if (!issue.type_issue) wanted.insert(VariantKey(issue.item_codename, issue.language_codename));
  ArchivePass archive(wanted);
  formats::ReaderOptions reader_options;
  reader_options.verify_first = false;
  auto read = ReadImportSource(archive_path, reader_options, archive);  // a kbulk archive or a data-ops zip
  if (!read.ok()) {
    log.Warning("--validate: the archive could not be read again to classify issues: " + read.status().message());
    return false;
  }
  // The target's element definitions (types and snippets: two listings).
  std::unordered_map<std::string, ElementDef> target_elements;
  for (auto list : {ep::ListTypes(), ep::ListSnippets()}) {
    KBULK_RETURN_IF_ERROR(client.ListAll(list.request, list.array_key, [&](std::string_view json) -> Status {
      KBULK_ASSIGN_OR_RETURN(JsonDocument doc, ParseJson(json));
      LearnElements(doc, target_elements);
      return Status::Ok();
    }));
  }
  std::map<std::pair<std::string, std::string>, std::string> archived_ids;  // (owner, codename) -> id
  for (const auto& [id, def] : archive.elements) archived_ids[{def.owner, def.codename}] = id;
  std::map<std::string, JsonDocument> target_variants;  // item id + language id -> variant
  for (ValidationIssue& issue : issues) {
    if (issue.type_issue) continue;
    auto archived = archive.variants.find(VariantKey(issue.item_codename, issue.language_codename));
    if (archived == archive.variants.end()) {
      issue.reason = "the archive holds no such variant";
      continue;
    }
    auto target_def = target_elements.find(issue.element_id);
    auto archived_id = target_def == target_elements.end()
                           ? archived_ids.end()
                           : archived_ids.find({target_def->second.owner, target_def->second.codename});
    if (archived_id == archived_ids.end()) {
      issue.reason = "the element is not in the archive's content model (or sits in a component)";
      continue;
    }
    KBULK_ASSIGN_OR_RETURN(JsonDocument archived_elements, ParseJson(archived->second));
    const JsonValue* archived_element = ElementValue(archived_elements, archived_id->second);
    if (archived_element != nullptr && ForwardReferences(archive, *archived_element) > 0) {
      issue.origin = IssueOrigin::kPredicted;
      issue.reason = "the archive references objects it does not hold (forward references the import reported)";
      continue;
    }
    if (archive.elements.at(archived_id->second).rule != target_def->second.rule) {
      issue.reason = "the target's content type states another rule for this element than the archive's";
      continue;
    }
    std::string key = issue.item_id + "/" + issue.language_id;
    if (!target_variants.count(key)) {
      KBULK_ASSIGN_OR_RETURN(api::Response response, client.Send(ep::GetVariant(Reference::ById(issue.item_id),
                                                                                Reference::ById(issue.language_id))));
      KBULK_ASSIGN_OR_RETURN(target_variants[key], ParseJson(response.body));
    }
    const JsonValue* target_elements_json = Member(target_variants[key], "elements");
    const JsonValue* target_element =
        target_elements_json ? ElementValue(*target_elements_json, issue.element_id) : nullptr;
    const std::string& type = target_def->second.type;
    std::string archived_value = Comparable(archived_element ? Member(*archived_element, "value") : nullptr, type);
    std::string target_value = Comparable(target_element ? Member(*target_element, "value") : nullptr, type);
    if (archived_value == target_value) {
      issue.origin = IssueOrigin::kInherited;
      issue.reason = "the archived value is the same and breaks the same rule in the source";
    } else {
      issue.reason = "the target's value differs from the archived one";
    }
  }
  return true;
}

}  // namespace kbulk::importer
