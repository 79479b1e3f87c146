// The recording sink and the generic id walker the dependency-order test uses.
#include "recording_sink.h"

#include <regex>

#include "core/sha256.h"

namespace kbulk::emulator::testing {

Status RecordingSink::Put(EntityKind kind, std::string_view json) {
  puts.push_back({testing::Put::What::kObject, kind, std::string(json), std::nullopt, "", "", "", ""});
  return Status::Ok();
}

Status RecordingSink::PutVariant(std::string_view latest, std::optional<std::string_view> published) {
  testing::Put p{testing::Put::What::kVariant, EntityKind::kVariant, std::string(latest), std::nullopt, "", "", "", ""};
  if (published) p.published = std::string(*published);
  puts.push_back(std::move(p));
  return Status::Ok();
}

Status RecordingSink::PutBinary(std::string_view file_id, std::string_view file_name, std::string_view content_type,
                                std::string bytes) {
  puts.push_back({testing::Put::What::kBinary, EntityKind::kBlob, "", std::nullopt, std::string(file_id),
                  std::string(file_name), std::string(content_type), std::move(bytes)});
  return Status::Ok();
}

std::vector<const testing::Put*> RecordingSink::Objects(EntityKind kind) const {
  std::vector<const testing::Put*> out;
  for (const auto& p : puts)
    if (p.what == testing::Put::What::kObject && p.kind == kind) out.push_back(&p);
  return out;
}

std::vector<const testing::Put*> RecordingSink::Variants() const {
  std::vector<const testing::Put*> out;
  for (const auto& p : puts)
    if (p.what == testing::Put::What::kVariant) out.push_back(&p);
  return out;
}

std::vector<const testing::Put*> RecordingSink::Binaries() const {
  std::vector<const testing::Put*> out;
  for (const auto& p : puts)
    if (p.what == testing::Put::What::kBinary) out.push_back(&p);
  return out;
}

std::string RecordingSink::Digest() const {
  Sha256 h;
  for (const auto& p : puts) {
    h.Update(std::to_string(static_cast<int>(p.what)) + "/" + std::string(EntityKindName(p.kind)) + "\n");
    h.Update(p.json);
    h.Update(p.published.value_or("-"));
    h.Update(p.file_id + p.file_name + p.content_type);
    h.Update(p.bytes);
  }
  return Sha256::ToHex(h.Finish());
}

Status CountingSink::Put(EntityKind kind, std::string_view) {
  ++objects;
  if (kind == EntityKind::kItem) ++items;
  return Status::Ok();
}

Status CountingSink::PutVariant(std::string_view, std::optional<std::string_view> published) {
  ++variants;
  if (published) ++published_versions;
  return Status::Ok();
}

Status CountingSink::PutBinary(std::string_view, std::string_view, std::string_view, std::string bytes) {
  ++binaries;
  binary_bytes += bytes.size();
  return Status::Ok();
}

namespace {

void Walk(const JsonValue& v, std::string_view key, IdUse& use) {
  if (v.IsString()) {
    std::string s(v.GetString(), v.GetStringLength());
    if (s.find('<') != std::string::npos) {  // rich text (values and guidelines)
      static const std::regex attr(R"re(data-(?:item-id|asset-id|id)="([0-9a-f-]{36})")re");
      for (std::sregex_iterator it(s.begin(), s.end(), attr), end; it != end; ++it) use.referenced.insert((*it)[1]);
    }
    return;
  }
  if (v.IsArray()) {
    for (const auto& e : v.GetArray()) {
      if (key == "role_ids" && e.IsString()) use.referenced.insert(e.GetString());
      Walk(e, key, use);
    }
    return;
  }
  if (!v.IsObject()) return;
  if (auto rendition = StringMember(v, "rendition_id")) use.defined.insert(std::string(*rendition));
  if (auto id = StringMember(v, "id")) {
    bool reference = key == "file_reference";
    if (!reference) {
      reference = true;
      for (const auto& m : v.GetObject()) {
        std::string_view name(m.name.GetString(), m.name.GetStringLength());
        if (name != "id" && name != "renditions") reference = false;
      }
    }
    (reference ? use.referenced : use.defined).insert(std::string(*id));
  }
  for (const auto& m : v.GetObject())
    Walk(m.value, std::string_view(m.name.GetString(), m.name.GetStringLength()), use);
}

}  // namespace

IdUse CollectIds(const JsonValue& value) {
  IdUse use;
  Walk(value, "", use);
  // Components are defined by the rich-text element that holds them, so their data-id is not a reference.
  for (const auto& id : use.defined) use.referenced.erase(id);
  return use;
}

std::vector<std::string> DependencyProblems(const std::vector<testing::Put>& puts) {
  std::set<std::string> known = {"00000000-0000-0000-0000-000000000000"};
  std::vector<std::string> problems;
  for (std::size_t i = 0; i < puts.size(); ++i) {
    const auto& p = puts[i];
    if (p.what == testing::Put::What::kBinary) {
      known.insert(p.file_id);
      continue;
    }
    for (const std::string* text : {&p.json, p.published ? &*p.published : nullptr}) {
      if (text == nullptr) continue;
      auto doc = ParseJson(*text);
      if (!doc.ok()) {
        problems.push_back("put #" + std::to_string(i) + " is not JSON: " + doc.status().message());
        continue;
      }
      IdUse use = CollectIds(*doc);
      // The asset type is defined in the UI only: its element ids are never put.
      if (p.kind == EntityKind::kAsset)
        if (const JsonValue* elements = Member(*doc, "elements"); elements && elements->IsArray())
          for (const auto& e : elements->GetArray())
            if (const JsonValue* el = Member(e, "element"))
              use.referenced.erase(std::string(StringMember(*el, "id").value_or("")));
      for (const auto& id : use.referenced)
        if (!known.count(id) && !use.defined.count(id))
          problems.push_back("put #" + std::to_string(i) + " (" + std::string(EntityKindName(p.kind)) +
                             ") references " + id + " before it was put");
      known.insert(use.defined.begin(), use.defined.end());
    }
  }
  return problems;
}

}  // namespace kbulk::emulator::testing
