// RewriteElement(): RewriteReferences over a variant element and, recursively, its components.
#include "richtext/element_rewriter.h"

#include <string>

#include "richtext/validator.h"

namespace kbulk::richtext {
namespace {

// JSON is a tree, but a hostile file can nest deeply: stop well past the service's component depth.
constexpr int kMaxRecursion = kMaxComponentDepth + 10;

Status Rewrite(JsonValue& element, JsonAllocator& allocator, const RewriteMaps& maps, const RewriteOptions& options,
               int depth, ElementRewriteReport& report) {
  if (depth > kMaxRecursion) return InvalidArgument("rich text: components nested more than 16 levels deep");
  if (!element.IsObject()) return Status();
  auto value = element.FindMember("value");
  if (value != element.MemberEnd() && value->value.IsString()) {
    std::string_view html(value->value.GetString(), value->value.GetStringLength());
    KBULK_ASSIGN_OR_RETURN(RewriteResult result, RewriteReferences(html, maps, options));
    if (result.rewritten > 0) value->value = MakeString(result.html, allocator);
    report.rewritten += result.rewritten;
    for (UnmappedReference& unmapped : result.unmapped) report.unmapped.push_back(std::move(unmapped));
  }
  auto components = element.FindMember("components");
  if (components == element.MemberEnd() || !components->value.IsArray()) return Status();
  for (JsonValue& component : components->value.GetArray()) {
    if (!component.IsObject()) continue;
    auto id = component.FindMember("id");
    if (id != component.MemberEnd() && id->value.IsString()) {
      auto mapped = maps.components.id_to_id.find(std::string(id->value.GetString(), id->value.GetStringLength()));
      if (mapped != maps.components.id_to_id.end() && mapped->second != id->value.GetString()) {
        id->value = MakeString(mapped->second, allocator);
        ++report.rewritten;
      }
    }
    auto elements = component.FindMember("elements");
    if (elements == component.MemberEnd() || !elements->value.IsArray()) continue;
    for (JsonValue& nested : elements->value.GetArray()) {
      // Only rich-text elements: a string value that is HTML, or any element with a components array.
      if (!nested.IsObject()) continue;
      auto nested_value = nested.FindMember("value");
      bool has_components = nested.FindMember("components") != nested.MemberEnd();
      bool html = nested_value != nested.MemberEnd() && nested_value->value.IsString() &&
                  nested_value->value.GetStringLength() > 0 && nested_value->value.GetString()[0] == '<';
      if (!has_components && !html) continue;
      KBULK_RETURN_IF_ERROR(Rewrite(nested, allocator, maps, options, depth + 1, report));
    }
  }
  return Status();
}

}  // namespace

Result<ElementRewriteReport> RewriteElement(JsonValue& element, JsonAllocator& allocator, const RewriteMaps& maps,
                                            const RewriteOptions& options) {
  ElementRewriteReport report;
  KBULK_RETURN_IF_ERROR(Rewrite(element, allocator, maps, options, 0, report));
  return report;
}

}  // namespace kbulk::richtext
