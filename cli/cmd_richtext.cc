// `kbulk richtext check [FILE|-] [--type-file TYPE.json --element CODENAME] [--json]` validates one rich-text
// value as the service would (exit 1 when invalid); `kbulk richtext rewrite [FILE|-] --map MAP.json` rewrites
// its references (items, assets, components) by splicing and prints the result.
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "cli/command.h"
#include "cli/exit_codes.h"
#include "core/json.h"
#include "richtext/reference_rewriter.h"
#include "richtext/validator.h"

namespace kbulk::cli {
namespace {

CommonOptions check_common;
CommonOptions rewrite_common;
std::string check_input = "-";
std::string rewrite_input = "-";
std::string type_file;
std::string element_codename;
std::string map_file;
std::string unmapped_policy = "keep";

[[noreturn]] void Fail(int code, const std::string& message) {
  std::cerr << "kbulk richtext: " << message << "\n";
  Exit(code);
}

std::string ReadInput(const std::string& path) {
  if (path == "-") return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  std::ifstream in(path, std::ios::binary);
  if (!in) Fail(kExitFatal, "cannot read " + path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

JsonDocument ReadJsonFile(const std::string& path) {
  auto document = ParseJson(ReadInput(path));
  if (!document.ok()) Fail(kExitUsage, path + ": " + document.status().ToString());
  return std::move(*document);
}

// The rich_text element CODENAME of a content type (or snippet) JSON, or of a bare elements array.
const JsonValue* FindElement(const JsonValue& type, const std::string& codename) {
  const JsonValue* elements = type.IsArray() ? &type : Member(type, "elements");
  if (elements == nullptr || !elements->IsArray()) return nullptr;
  for (const JsonValue& element : elements->GetArray()) {
    if (element.IsObject() && StringMember(element, "codename") == std::string_view(codename) &&
        StringMember(element, "type") == std::string_view("rich_text")) {
      return &element;
    }
  }
  return nullptr;
}

void RunCheck() {
  std::string html = ReadInput(check_input);
  JsonDocument type;
  richtext::ValidationContext context;
  if (!type_file.empty()) {
    if (element_codename.empty()) Fail(kExitUsage, "--type-file needs --element CODENAME");
    type = ReadJsonFile(type_file);
    context.element_definition = FindElement(type, element_codename);
    if (context.element_definition == nullptr) {
      Fail(kExitUsage, type_file + " has no rich_text element with codename " + element_codename);
    }
  }
  std::vector<richtext::Violation> violations = richtext::Validate(html, context);
  if (check_common.json) {
    JsonWriter w;
    w.StartObject().Key("input").String(check_input).Key("valid").Bool(violations.empty());
    w.Key("violations").StartArray();
    for (const auto& v : violations) {
      w.StartObject().Key("code").String(v.code).Key("message").String(v.message);
      w.Key("line").Int(v.line).Key("column").Int(v.column).Key("offset").Uint(v.offset);
      w.Key("element").String(v.element).EndObject();
    }
    w.EndArray().EndObject();
    std::cout << w.view() << "\n";
  } else {
    for (const auto& v : violations) {
      std::cout << check_input << ":" << v.line << ":" << v.column << ": " << v.code << ": " << v.message << "\n";
    }
    if (!check_common.quiet) std::cerr << check_input << ": " << (violations.empty() ? "valid" : "INVALID") << "\n";
  }
  Exit(violations.empty() ? kExitOk : kExitNegative);
}

void ReadMapping(const JsonValue& root, const char* kind, richtext::ReferenceMap& map) {
  const JsonValue* section = Member(root, kind);
  if (section == nullptr) return;
  if (!section->IsObject()) Fail(kExitUsage, map_file + ": \"" + std::string(kind) + "\" must be an object");
  auto read = [&](const char* name, std::unordered_map<std::string, std::string>& out) {
    const JsonValue* pairs = Member(*section, name);
    if (pairs == nullptr) return;
    if (!pairs->IsObject()) Fail(kExitUsage, map_file + ": " + kind + "." + name + " must be an object");
    for (const auto& member : pairs->GetObject()) {
      if (!member.value.IsString()) Fail(kExitUsage, map_file + ": " + kind + "." + name + " values are strings");
      out[member.name.GetString()] = member.value.GetString();
    }
  };
  read("id_to_id", map.id_to_id);
  read("id_to_external_id", map.id_to_external_id);
  read("external_id_to_id", map.external_id_to_id);
}

void RunRewrite() {
  JsonDocument map_json = ReadJsonFile(map_file);
  if (!map_json.IsObject()) Fail(kExitUsage, map_file + ": expected an object with items, assets, components");
  richtext::RewriteMaps maps;
  ReadMapping(map_json, "items", maps.items);
  ReadMapping(map_json, "assets", maps.assets);
  ReadMapping(map_json, "components", maps.components);
  richtext::RewriteOptions options;
  if (unmapped_policy == "fail") options.unmapped = richtext::UnmappedPolicy::kFail;
  if (unmapped_policy == "placeholder") options.unmapped = richtext::UnmappedPolicy::kExternalIdPlaceholder;
  std::string html = ReadInput(rewrite_input);
  auto result = richtext::RewriteReferences(html, maps, options);
  if (!result.ok()) Fail(kExitNegative, rewrite_input + ": " + result.status().message());
  if (rewrite_common.json) {
    JsonWriter w;
    w.StartObject().Key("html").String(result->html).Key("rewritten").Uint(result->rewritten);
    w.Key("unmapped").StartArray();
    for (const auto& u : result->unmapped) {
      w.StartObject().Key("kind").String(richtext::ReferenceKindName(u.kind));
      w.Key("by").String(richtext::ReferenceByName(u.by)).Key("value").String(u.value);
      w.Key("offset").Uint(u.offset).EndObject();
    }
    w.EndArray().EndObject();
    std::cout << w.view() << "\n";
  } else {
    std::cout << result->html;
    if (!rewrite_common.quiet) {
      for (const auto& u : result->unmapped) {
        std::cerr << rewrite_input << ": unmapped " << richtext::ReferenceKindName(u.kind) << " by "
                  << richtext::ReferenceByName(u.by) << " " << u.value << " at byte " << u.offset << "\n";
      }
      std::cerr << rewrite_input << ": " << result->rewritten << " attributes rewritten, " << result->unmapped.size()
                << " references unmapped\n";
    }
  }
  Exit(kExitOk);
}

void Setup(CLI::App& app) {
  app.require_subcommand(1);
  CLI::App* check = app.add_subcommand("check", "Validate a rich-text value; exit 1 when invalid");
  AddCommonOptions(*check, check_common);
  check->add_option("file", check_input, "HTML file, or - for stdin (default)");
  check->add_option("--type-file", type_file, "Content type JSON whose element settings apply");
  check->add_option("--element", element_codename, "Codename of the rich_text element in --type-file");
  check->callback(RunCheck);
  CLI::App* rewrite = app.add_subcommand("rewrite", "Rewrite item, asset and component references in a value");
  AddCommonOptions(*rewrite, rewrite_common);
  rewrite->add_option("file", rewrite_input, "HTML file, or - for stdin (default)");
  rewrite
      ->add_option("--map", map_file,
                   "JSON {items|assets|components: {id_to_id, id_to_external_id, external_id_to_id}}")
      ->required();
  rewrite->add_option("--unmapped", unmapped_policy, "keep (default), fail, or placeholder (id -> external id)")
      ->check(CLI::IsMember({"keep", "fail", "placeholder"}));
  rewrite->callback(RunRewrite);
}

const Registration registration({"richtext", "Check and rewrite rich-text values", 700, Setup});

}  // namespace
}  // namespace kbulk::cli
