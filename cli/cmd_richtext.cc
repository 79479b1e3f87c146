// `kbulk richtext check [FILE|-] [--type-file TYPE.json --element CODENAME] [--json]` validates one rich-text
// value as the service would (exit 1 when invalid); `kbulk richtext rewrite [FILE|-] --map MAP.json` rewrites
// its references (items, assets, components) by splicing and prints the result.
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>

#include "cli/command.h"
#include "cli/exit_codes.h"
#include "core/json.h"
#include "richtext/reference_rewriter.h"
#include "richtext/validator.h"

namespace kbulk::cli {
namespace {

struct CheckCommand {
  CommonOptions common;
  std::string input = "-";
  std::string type_file;
  std::string element_codename;
};

struct RewriteCommand {
  CommonOptions common;
  std::string input = "-";
  std::string map_file;
  std::string unmapped_policy = "keep";
};

int Fail(int code, const std::string& message) {
  std::cerr << "kbulk richtext: " << message << "\n";
  return code;
}
int Fail(const Status& status) {
  return Fail(ExitCodeFor(status), status.message());
}

Result<std::string> ReadInput(const std::string& path) {
  if (path == "-") return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError("cannot read " + path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

Result<JsonDocument> ReadJsonFile(const std::string& path) {
  KBULK_ASSIGN_OR_RETURN(std::string text, ReadInput(path));
  auto document = ParseJson(text);
  if (!document.ok()) return InvalidArgument(path + ": " + document.status().ToString());
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

int RunCheck(const CheckCommand& c) {
  auto html = ReadInput(c.input);
  if (!html.ok()) return Fail(html.status());
  JsonDocument type;
  richtext::ValidationContext context;
  if (!c.type_file.empty()) {
    if (c.element_codename.empty()) return Fail(kExitUsage, "--type-file needs --element CODENAME");
    auto read = ReadJsonFile(c.type_file);
    if (!read.ok()) return Fail(read.status());
    type = std::move(*read);
    context.element_definition = FindElement(type, c.element_codename);
    if (context.element_definition == nullptr) {
      return Fail(kExitUsage, c.type_file + " has no rich_text element with codename " + c.element_codename);
    }
  }
  std::vector<richtext::Violation> violations = richtext::Validate(*html, context);
  if (c.common.json) {
    JsonWriter w;
    w.StartObject().Key("input").String(c.input).Key("valid").Bool(violations.empty());
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
      std::cout << c.input << ":" << v.line << ":" << v.column << ": " << v.code << ": " << v.message << "\n";
    }
    if (!c.common.quiet) std::cerr << c.input << ": " << (violations.empty() ? "valid" : "INVALID") << "\n";
  }
  return violations.empty() ? kExitOk : kExitNegative;
}

Status ReadMapping(const std::string& map_file, const JsonValue& root, const char* kind, richtext::ReferenceMap& map) {
  const JsonValue* section = Member(root, kind);
  if (section == nullptr) return Status::Ok();
  if (!section->IsObject()) return InvalidArgument(map_file + ": \"" + std::string(kind) + "\" must be an object");
  auto read = [&](const char* name, std::unordered_map<std::string, std::string>& out) -> Status {
    const JsonValue* pairs = Member(*section, name);
    if (pairs == nullptr) return Status::Ok();
    if (!pairs->IsObject()) return InvalidArgument(map_file + ": " + kind + "." + name + " must be an object");
    for (const auto& member : pairs->GetObject()) {
      if (!member.value.IsString()) return InvalidArgument(map_file + ": " + kind + "." + name + " values are strings");
      out[member.name.GetString()] = member.value.GetString();
    }
    return Status::Ok();
  };
  KBULK_RETURN_IF_ERROR(read("id_to_id", map.id_to_id));
  KBULK_RETURN_IF_ERROR(read("id_to_external_id", map.id_to_external_id));
  return read("external_id_to_id", map.external_id_to_id);
}

int RunRewrite(const RewriteCommand& c) {
  auto map_json = ReadJsonFile(c.map_file);
  if (!map_json.ok()) return Fail(map_json.status());
  if (!map_json->IsObject()) {
    return Fail(kExitUsage, c.map_file + ": expected an object with items, assets, components");
  }
  richtext::RewriteMaps maps;
  for (auto [kind, map] :
       {std::pair{"items", &maps.items}, {"assets", &maps.assets}, {"components", &maps.components}}) {
    if (Status s = ReadMapping(c.map_file, *map_json, kind, *map); !s.ok()) return Fail(s);
  }
  richtext::RewriteOptions options;
  if (c.unmapped_policy == "fail") options.unmapped = richtext::UnmappedPolicy::kFail;
  if (c.unmapped_policy == "placeholder") options.unmapped = richtext::UnmappedPolicy::kExternalIdPlaceholder;
  auto html = ReadInput(c.input);
  if (!html.ok()) return Fail(html.status());
  auto result = richtext::RewriteReferences(*html, maps, options);
  if (!result.ok()) return Fail(kExitNegative, c.input + ": " + result.status().message());
  if (c.common.json) {
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
    if (!c.common.quiet) {
      for (const auto& u : result->unmapped) {
        std::cerr << c.input << ": unmapped " << richtext::ReferenceKindName(u.kind) << " by "
                  << richtext::ReferenceByName(u.by) << " " << u.value << " at byte " << u.offset << "\n";
      }
      std::cerr << c.input << ": " << result->rewritten << " attributes rewritten, " << result->unmapped.size()
                << " references unmapped\n";
    }
  }
  return kExitOk;
}

void Setup(CLI::App& app) {
  app.require_subcommand(1);
  CLI::App* check = app.add_subcommand("check", "Validate a rich-text value; exit 1 when invalid");
  auto check_command = std::make_shared<CheckCommand>();
  AddCommonOptions(*check, check_command->common);
  check->add_option("file", check_command->input, "HTML file, or - for stdin (default)");
  check->add_option("--type-file", check_command->type_file, "Content type JSON whose element settings apply");
  check->add_option("--element", check_command->element_codename, "Codename of the rich_text element in --type-file");
  SetRun(*check, [check_command] { return RunCheck(*check_command); });
  CLI::App* rewrite = app.add_subcommand("rewrite", "Rewrite item, asset and component references in a value");
  auto rewrite_command = std::make_shared<RewriteCommand>();
  AddCommonOptions(*rewrite, rewrite_command->common);
  rewrite->add_option("file", rewrite_command->input, "HTML file, or - for stdin (default)");
  rewrite
      ->add_option("--map", rewrite_command->map_file,
                   "JSON {items|assets|components: {id_to_id, id_to_external_id, external_id_to_id}}")
      ->required();
  rewrite
      ->add_option("--unmapped", rewrite_command->unmapped_policy,
                   "keep (default), fail, or placeholder (id -> external id)")
      ->check(CLI::IsMember({"keep", "fail", "placeholder"}));
  SetRun(*rewrite, [rewrite_command] { return RunRewrite(*rewrite_command); });
}

const Registration registration({"richtext", "Check and rewrite rich-text values", 700, Setup});

}  // namespace
}  // namespace kbulk::cli
