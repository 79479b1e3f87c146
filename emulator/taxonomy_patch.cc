// Term-tree edits by reference.
#include "emulator/taxonomy_patch.h"

#include <string>

#include "emulator/json_patch.h"
#include "emulator/route_support.h"

namespace kbulk::emulator {
namespace {

struct TermSlot {
  JsonValue* siblings = nullptr;  // the "terms" array holding the term
  rapidjson::SizeType index = 0;
};

bool Matches(const JsonValue& term, const Reference& ref) {
  std::string_view key = ref.kind() == Reference::Kind::kId         ? "id"
                         : ref.kind() == Reference::Kind::kCodename ? "codename"
                                                                    : "external_id";
  return StringMember(term, key).value_or("\x01") == ref.value();
}

bool FindTerm(JsonValue& terms, const Reference& ref, TermSlot& slot) {
  if (!terms.IsArray()) return false;
  for (rapidjson::SizeType i = 0; i < terms.Size(); ++i) {
    if (Matches(terms[i], ref)) {
      slot = {&terms, i};
      return true;
    }
    if (terms[i].HasMember("terms") && FindTerm(terms[i]["terms"], ref, slot)) return true;
  }
  return false;
}

std::optional<Reference> RefOf(const JsonValue& op, const char* key) {
  const JsonValue* v = Member(op, key);
  return v ? ReferenceFrom(*v) : std::nullopt;
}

JsonValue& ChildTerms(JsonValue& term, JsonAllocator& a) {
  if (!term.HasMember("terms") || !term["terms"].IsArray())
    SetMember(term, "terms", JsonValue(rapidjson::kArrayType), a);
  return term["terms"];
}

// Inserts `value` next to (before/after) a sibling or under a parent or at the end of `root`.
bool Place(JsonDocument& group, const JsonValue& op, JsonValue value, std::string& problem) {
  auto& a = group.GetAllocator();
  JsonValue& root = group["terms"];
  TermSlot slot;
  for (const char* key : {"before", "after"}) {
    if (auto ref = RefOf(op, key)) {
      if (!FindTerm(root, *ref, slot)) {
        problem = std::string("The term named in '") + key + "' does not exist.";
        return false;
      }
      rapidjson::SizeType at = slot.index + (std::string_view(key) == "after" ? 1 : 0);
      slot.siblings->PushBack(std::move(value), a);
      for (rapidjson::SizeType k = slot.siblings->Size() - 1; k > at; --k)
        (*slot.siblings)[k].Swap((*slot.siblings)[k - 1]);
      return true;
    }
  }
  JsonValue* target = &root;
  if (auto under = RefOf(op, "under")) {
    if (!FindTerm(root, *under, slot)) {
      problem = "The term named in 'under' does not exist.";
      return false;
    }
    target = &ChildTerms((*slot.siblings)[slot.index], a);
  }
  target->PushBack(std::move(value), a);
  return true;
}

}  // namespace

std::vector<ValidationError> ApplyTaxonomyPatch(JsonDocument& group, const JsonValue& operations) {
  if (!operations.IsArray() || operations.Empty())
    return {{"No patch operations were provided, provide at least one operation."}};
  for (const JsonValue& op : operations.GetArray())
    if (op.HasMember("path")) return ApplyPatch(group, operations);
  std::vector<ValidationError> errors;
  auto& a = group.GetAllocator();
  if (!group.HasMember("terms") || !group["terms"].IsArray())
    SetMember(group, "terms", JsonValue(rapidjson::kArrayType), a);
  for (const JsonValue& op : operations.GetArray()) {
    const std::string kind(StringMember(op, "op").value_or(""));
    auto ref = RefOf(op, "reference");
    TermSlot slot;
    const bool found = ref && FindTerm(group["terms"], *ref, slot);
    if (ref && !found) {
      errors.push_back({"The taxonomy term " + ref->ToString() + " does not exist.", "reference"});
      continue;
    }
    const JsonValue* value = Member(op, "value");
    std::string problem;
    if (kind == "replace") {
      const std::string property(StringMember(op, "property_name").value_or(""));
      if (value == nullptr || (property != "name" && property != "codename" && property != "terms")) {
        errors.push_back({"replace changes name, codename or terms to a value.", "property_name"});
        continue;
      }
      if (!ref && property == "terms") {
        SetMember(group, "terms", JsonValue(*value, a), a);
      } else {
        SetMember(ref ? (*slot.siblings)[slot.index] : static_cast<JsonValue&>(group), property, JsonValue(*value, a),
                  a);
      }
    } else if (kind == "remove") {
      if (!found)
        errors.push_back({"remove needs a reference to a term.", "reference"});
      else
        slot.siblings->Erase(slot.siblings->Begin() + slot.index);
    } else if (kind == "addInto") {
      if (value == nullptr || !value->IsObject()) {
        errors.push_back({"addInto needs a term value.", "value"});
      } else if (found && !Member(op, "before") && !Member(op, "after")) {
        ChildTerms((*slot.siblings)[slot.index], a).PushBack(JsonValue(*value, a), a);
      } else if (!Place(group, op, JsonValue(*value, a), problem)) {
        errors.push_back({problem, "before"});
      }
    } else if (kind == "move") {
      if (!found) {
        errors.push_back({"move needs a reference to a term.", "reference"});
        continue;
      }
      JsonValue moved(std::move((*slot.siblings)[slot.index]));
      slot.siblings->Erase(slot.siblings->Begin() + slot.index);
      if (!Place(group, op, std::move(moved), problem)) errors.push_back({problem, "before"});
    } else {
      errors.push_back({"Unknown operation '" + kind + "' (addInto, move, remove, replace).", "op"});
    }
  }
  return errors;
}

}  // namespace kbulk::emulator
