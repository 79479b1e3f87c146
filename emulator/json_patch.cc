// Path walking over a RapidJSON DOM.
#include "emulator/json_patch.h"

#include <string>
#include <string_view>

#include "emulator/route_support.h"

namespace kbulk::emulator {
namespace {

std::vector<std::string> SplitPath(std::string_view path) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    std::size_t next = path.find('/', i);
    // external_id:... may contain slashes; it runs to the next "/<known property>" only when escaped,
    // so an external id segment takes the rest up to the next slash, like the others.
    if (next == std::string_view::npos) next = path.size();
    out.emplace_back(path.substr(i, next - i));
    i = next;
  }
  return out;
}

bool Selects(const JsonValue& entry, std::string_view segment) {
  std::size_t colon = segment.find(':');
  if (colon == std::string_view::npos) return false;
  std::string_view key = segment.substr(0, colon), value = segment.substr(colon + 1);
  return StringMember(entry, key).value_or("\x01") == value;
}

bool IsSelector(std::string_view segment) {
  return segment.rfind("id:", 0) == 0 || segment.rfind("codename:", 0) == 0 || segment.rfind("external_id:", 0) == 0;
}

// The array that contains the entry selected by `segments.back()`, and that entry's index; or the value
// at the path (index = -1).
struct Located {
  JsonValue* parent = nullptr;  // object or array holding the target
  int index = -1;               // entry in an array parent
  std::string key;              // member in an object parent
  JsonValue* target = nullptr;
};

bool Locate(JsonValue& root, const std::vector<std::string>& segments, Located& out) {
  JsonValue* current = &root;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const std::string& s = segments[i];
    out.parent = current;
    if (IsSelector(s)) {
      if (!current->IsArray()) return false;
      out.index = -1;
      for (rapidjson::SizeType k = 0; k < current->Size(); ++k)
        if (Selects((*current)[k], s)) out.index = static_cast<int>(k);
      if (out.index < 0) return false;
      current = &(*current)[static_cast<rapidjson::SizeType>(out.index)];
    } else {
      if (!current->IsObject()) return false;
      out.key = s;
      out.index = -1;
      auto it = current->FindMember(JsonValue(rapidjson::StringRef(s.c_str())));
      if (it == current->MemberEnd()) {
        if (i + 1 != segments.size()) return false;
        current = nullptr;
        break;
      }
      current = &it->value;
    }
  }
  out.target = current;
  return true;
}

int PositionOf(const JsonValue& array, const JsonValue* ref) {
  if (ref == nullptr || !ref->IsObject()) return -1;
  for (rapidjson::SizeType k = 0; k < array.Size(); ++k) {
    for (const char* key : {"id", "codename", "external_id"}) {
      auto v = StringMember(*ref, key);
      if (v && StringMember(array[k], key).value_or("\x01") == *v) return static_cast<int>(k);
    }
  }
  return -2;  // named but not found
}

void InsertAt(JsonValue& array, JsonValue value, int position, JsonAllocator& a) {
  array.PushBack(std::move(value), a);
  for (int k = static_cast<int>(array.Size()) - 1; k > position && position >= 0; --k)
    array[static_cast<rapidjson::SizeType>(k)].Swap(array[static_cast<rapidjson::SizeType>(k - 1)]);
}

}  // namespace

std::vector<ValidationError> ApplyPatch(JsonDocument& doc, const JsonValue& operations) {
  std::vector<ValidationError> errors;
  auto& a = doc.GetAllocator();
  if (!operations.IsArray() || operations.Empty()) {
    errors.push_back({"No patch operations were provided, provide at least one operation."});
    return errors;
  }
  int n = 0;
  for (const JsonValue& op_value : operations.GetArray()) {
    std::string where = "[";
    where += std::to_string(n++);
    where += ']';
    std::string op(StringMember(op_value, "op").value_or(""));
    std::string path(StringMember(op_value, "path").value_or(""));
    Located loc;
    if (!Locate(doc, SplitPath(path), loc) || loc.parent == nullptr) {  // an empty path names the object itself
      errors.push_back({"The path '" + path + "' does not lead to an existing object.", where + ".path"});
      continue;
    }
    const JsonValue* value = Member(op_value, "value");
    if (op == "addInto") {
      if (value == nullptr) {
        errors.push_back({"addInto needs a value.", where + ".value"});
        continue;
      }
      if (loc.target == nullptr) {  // a missing array member: create it
        loc.parent->AddMember(MakeString(loc.key, a), JsonValue(rapidjson::kArrayType), a);
        loc.target = &(*loc.parent)[loc.key.c_str()];
      }
      if (!loc.target->IsArray()) {
        errors.push_back({"addInto needs a path to an array.", where + ".path"});
        continue;
      }
      const JsonValue* before = Member(op_value, "before");
      const JsonValue* after = Member(op_value, "after");
      int position = before ? PositionOf(*loc.target, before) : after ? PositionOf(*loc.target, after) : -1;
      if (position == -2) {
        errors.push_back({"The object named in before/after does not exist.", where});
        continue;
      }
      if (after && position >= 0) ++position;
      if (value->IsArray()) {  // e.g. allowed_blocks: the strings are added one by one
        for (const JsonValue& v : value->GetArray()) loc.target->PushBack(JsonValue(v, a), a);
      } else {
        InsertAt(*loc.target, JsonValue(*value, a), position, a);
      }
    } else if (op == "remove") {
      if (loc.target == nullptr) {
        errors.push_back({"The path '" + path + "' does not lead to an existing object.", where + ".path"});
      } else if (loc.index >= 0) {
        loc.parent->Erase(loc.parent->Begin() + loc.index);
      } else if (value != nullptr && loc.target->IsArray()) {  // removing strings from an array property
        if (!value->IsArray()) {
          errors.push_back(
              {"remove from an array property needs an array of the entries to remove.", where + ".value"});
          continue;
        }
        for (const JsonValue& v : value->GetArray())
          for (auto it = loc.target->Begin(); it != loc.target->End(); ++it)
            if (*it == v) {
              loc.target->Erase(it);
              break;
            }
      } else {
        loc.parent->RemoveMember(loc.key.c_str());
      }
    } else if (op == "replace") {
      if (value == nullptr || loc.index >= 0 || loc.key.empty()) {
        errors.push_back({"replace needs a path to a property and a value.", where});
        continue;
      }
      if (loc.key == "id" || loc.key == "type") {
        errors.push_back({"The property '" + loc.key + "' cannot be replaced.", where + ".path"});
        continue;
      }
      SetMember(*loc.parent, loc.key, JsonValue(*value, a), a);
    } else if (op == "move") {
      if (loc.index < 0) {
        errors.push_back({"move needs a path to an entry of an array.", where + ".path"});
        continue;
      }
      JsonValue moved(std::move((*loc.parent)[static_cast<rapidjson::SizeType>(loc.index)]));
      loc.parent->Erase(loc.parent->Begin() + loc.index);
      const JsonValue* before = Member(op_value, "before");
      const JsonValue* after = Member(op_value, "after");
      int position = before ? PositionOf(*loc.parent, before) : after ? PositionOf(*loc.parent, after) : -2;
      if (position < 0) {
        errors.push_back({"move needs before or after naming an existing entry.", where});
        continue;
      }
      if (after) ++position;
      InsertAt(*loc.parent, std::move(moved), position, a);
    } else {
      errors.push_back({"Unknown operation '" + op + "' (addInto, move, remove, replace).", where + ".op"});
    }
  }
  return errors;
}

}  // namespace kbulk::emulator
