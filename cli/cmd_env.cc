// `kbulk env info|clone|clone-status|rename|delete|mark-production`: the environment endpoints
// (spec/environments-api.txt) on the command line. Responses are printed as the API's JSON on stdout;
// the API keys a clone returns are redacted unless --print-keys asks for them.
#include <CLI/CLI.hpp>

#include <chrono>
#include <iostream>
#include <memory>
#include <thread>

#include "api/endpoints.h"
#include "api/management_client.h"
#include "cli/command.h"
#include "cli/connection.h"
#include "cli/exit_codes.h"
#include "cli/next_step.h"
#include "cli/render_log.h"
#include "core/json.h"

namespace kbulk::cli {
namespace {

struct EnvCommand {
  CommonOptions common;
  ConnectionOptions connection;
  std::string new_name;
  std::vector<std::string> roles_to_activate;
  bool clone_assets_and_items = true;
  bool clone_version_history = false;
  bool print_keys = false;
  bool wait_for_clone = false;
  int wait_timeout_seconds = 3600;
  bool confirmed = false;
  bool enable_webhooks = true;
};

int Fail(StderrLogger& log, const Status& status, int code) {
  ReportFailure(log, "env", status);
  return code;
}

// A client for the environment the connection options name (their errors are usage errors).
Result<std::unique_ptr<api::ManagementClient>> Connect(const EnvCommand& c, StderrLogger& log) {
  KBULK_ASSIGN_OR_RETURN(api::ClientOptions options, BuildClientOptions(c.connection, &log));
  return api::ManagementClient::Create(options);
}

// Runs one request and prints its body (if any) on stdout.
int RunAndPrint(const EnvCommand& c, const api::Request& request, const std::string& done_message) {
  StderrLogger log(c.common);
  auto client = Connect(c, log);
  if (!client.ok()) return Fail(log, client.status(), kExitUsage);
  auto response = (*client)->Send(request);
  if (!response.ok()) return Fail(log, response.status(), ExitCodeFor(response.status()));
  if (!response->body.empty()) std::cout << response->body << "\n";
  if (!c.common.quiet && !done_message.empty()) log.Info(done_message);
  return kExitOk;
}

// The clone response with every secret left out, unless --print-keys asks for them. Fails closed: only
// the members known to be safe keep their text (the new environment's "id"); every other string, at any
// depth, in objects and arrays alike, is redacted (the response's keys are JWTs today, but a member added
// later or a nested shape must not leak either). Numbers, booleans and nulls are kept; a body that is not
// a JSON object is not shown at all.
constexpr std::string_view kRedacted = "<redacted: use --print-keys>";

void Redact(JsonValue& value, bool safe_text, JsonAllocator& allocator) {
  if (value.IsObject()) {
    for (auto& member : value.GetObject()) {
      const std::string_view name(member.name.GetString(), member.name.GetStringLength());
      Redact(member.value, name == "id", allocator);
    }
  } else if (value.IsArray()) {
    for (auto& element : value.GetArray()) Redact(element, false, allocator);
  } else if (value.IsString() && !safe_text) {
    value.SetString(kRedacted.data(), static_cast<rapidjson::SizeType>(kRedacted.size()), allocator);
  }
}

std::string RedactKeys(const std::string& body) {
  auto doc = ParseJson(body);
  if (!doc.ok() || !doc->IsObject()) {
    return "{\"redacted\":\"the response is not a JSON object; use --print-keys to see it\"}";
  }
  Redact(*doc, false, doc->GetAllocator());
  return ToJsonString(*doc);
}

int Clone(const EnvCommand& c) {
  StderrLogger log(c.common);
  JsonWriter body;
  body.StartObject().Key("name").String(c.new_name);
  body.Key("roles_to_activate").StartArray();
  for (const std::string& role : c.roles_to_activate) body.String(role);
  body.EndArray();
  body.Key("copy_data_options").StartObject();
  body.Key("content_items_assets").Bool(c.clone_assets_and_items);
  body.Key("content_item_version_history").Bool(c.clone_version_history);
  body.EndObject().EndObject();
  auto client = Connect(c, log);
  if (!client.ok()) return Fail(log, client.status(), kExitUsage);
  auto response = (*client)->Send(api::endpoints::CloneEnvironment(body.view()));
  if (!response.ok()) return Fail(log, response.status(), ExitCodeFor(response.status()));
  std::cout << (c.print_keys ? response->body : RedactKeys(response->body)) << "\n";
  if (!c.common.quiet) log.Info("cloning started; follow it with: kbulk env clone-status --wait");
  return kExitOk;
}

int CloneStatus(const EnvCommand& c) {
  StderrLogger log(c.common);
  auto client = Connect(c, log);
  if (!client.ok()) return Fail(log, client.status(), kExitUsage);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(c.wait_timeout_seconds);
  for (;;) {
    auto response = (*client)->Send(api::endpoints::GetCloningState());
    if (!response.ok()) return Fail(log, response.status(), ExitCodeFor(response.status()));
    auto doc = ParseJson(response->body);
    const std::string state =
        doc.ok() ? std::string(StringMember(*doc, "cloning_state").value_or("unknown")) : std::string("unknown");
    const bool finished = state != "in_progress" && state != "pending" && state != "unknown";
    if (!c.wait_for_clone || finished) {
      std::cout << response->body << "\n";
      return state == "failed" ? kExitFatal : kExitOk;
    }
    if (std::chrono::steady_clock::now() > deadline) {
      return Fail(log, Status(StatusCode::kUnavailable, "cloning still '" + state + "' after the --timeout"),
                  kExitFatal);
    }
    if (c.common.verbose) log.Debug("cloning state: " + state);
    std::this_thread::sleep_for(std::chrono::seconds(5));
  }
}

int Rename(const EnvCommand& c) {
  JsonWriter patch;
  patch.StartArray().StartObject().Key("op").String("rename_environment").Key("value").String(c.new_name);
  patch.EndObject().EndArray();
  return RunAndPrint(c, api::endpoints::RenameEnvironment(patch.view()), "renamed to '" + c.new_name + "'");
}

int Delete(const EnvCommand& c) {
  if (!c.confirmed) {
    StderrLogger log(c.common);
    return Fail(log, InvalidArgument("deleting an environment cannot be undone: add --yes to confirm"), kExitUsage);
  }
  return RunAndPrint(c, api::endpoints::DeleteEnvironment(), "environment deleted");
}

int MarkProduction(const EnvCommand& c) {
  JsonWriter body;
  body.StartObject().Key("enable_webhooks").Bool(c.enable_webhooks).EndObject();
  return RunAndPrint(c, api::endpoints::MarkAsProduction(body.view()), "environment marked as production");
}

void Setup(CLI::App& app) {
  auto command = std::make_shared<EnvCommand>();
  EnvCommand& c = *command;
  AddCommonOptions(app, c.common);
  AddConnectionOptions(app, c.connection);
  app.fallthrough();  // the options above may also follow the subcommand
  app.require_subcommand(1);

  SetRun(*app.add_subcommand("info", "Print the environment's id and names (also checks the API key)"),
         [command] { return RunAndPrint(*command, api::endpoints::GetEnvironment(), ""); });

  auto* clone = app.add_subcommand("clone", "Start cloning this environment into a new one");
  clone->add_option("--name", c.new_name, "Name of the new environment (1-200 characters)")->required();
  clone->add_option("--roles-to-activate", c.roles_to_activate, "Role ids active in the new environment")
      ->delimiter(',');
  clone->add_flag("!--no-content", c.clone_assets_and_items, "Clone the model only, without items and assets");
  clone->add_flag("--version-history", c.clone_version_history, "Also clone the items' version history");
  clone->add_flag("--print-keys", c.print_keys, "Print the new environment's API keys (redacted by default)");
  SetRun(*clone, [command] { return Clone(*command); });

  auto* status = app.add_subcommand("clone-status", "Print the state of the environment's cloning");
  status->add_flag("--wait", c.wait_for_clone, "Poll every 5 s until cloning has finished (exit 4 if it failed)");
  status->add_option("--timeout", c.wait_timeout_seconds, "Give up waiting after this many seconds (default 3600)");
  SetRun(*status, [command] { return CloneStatus(*command); });

  auto* rename = app.add_subcommand("rename", "Change the environment's display name");
  rename->add_option("--name", c.new_name, "The new name")->required();
  SetRun(*rename, [command] { return Rename(*command); });

  auto* remove = app.add_subcommand("delete", "Delete the environment (cannot be undone)");
  remove->add_flag("--yes", c.confirmed, "Confirm the deletion");
  SetRun(*remove, [command] { return Delete(*command); });

  auto* production = app.add_subcommand("mark-production", "Make this environment the production environment");
  production->add_flag("!--disable-webhooks", c.enable_webhooks, "Leave its webhooks disabled afterwards");
  SetRun(*production, [command] { return MarkProduction(*command); });
}

const Registration registration({"env", "Environment info, clone, clone status, rename, delete, mark as production", 60,
                                 Setup});

}  // namespace
}  // namespace kbulk::cli
