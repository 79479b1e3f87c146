// `kbulk env info|clone|clone-status|rename|delete|mark-production`: the environment endpoints
// (spec/environments-api.txt) on the command line. Responses are printed as the API's JSON on stdout;
// the API keys a clone returns are redacted unless --print-keys asks for them.
#include <CLI/CLI.hpp>

#include <chrono>
#include <iostream>
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

[[noreturn]] void Fail(StderrLogger& log, const Status& status, int code) {
  ReportFailure(log, "env", status);
  Exit(code);
}

std::unique_ptr<api::ManagementClient> Connect(StderrLogger& log) {
  auto options = BuildClientOptions(connection, &log);
  if (!options.ok()) Fail(log, options.status(), kExitUsage);
  auto client = api::ManagementClient::Create(*options);
  if (!client.ok()) Fail(log, client.status(), kExitUsage);
  return std::move(client).value();
}

// Runs one request and prints its body (if any) on stdout.
void RunAndPrint(const api::Request& request, const std::string& done_message) {
  StderrLogger log(common);
  auto client = Connect(log);
  auto response = client->Send(request);
  if (!response.ok()) Fail(log, response.status(), ExitCodeFor(response.status()));
  if (!response->body.empty()) std::cout << response->body << "\n";
  if (!common.quiet && !done_message.empty()) log.Info(done_message);
  Exit(kExitOk);
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

void Clone() {
  StderrLogger log(common);
  JsonWriter body;
  body.StartObject().Key("name").String(new_name);
  body.Key("roles_to_activate").StartArray();
  for (const std::string& role : roles_to_activate) body.String(role);
  body.EndArray();
  body.Key("copy_data_options").StartObject();
  body.Key("content_items_assets").Bool(clone_assets_and_items);
  body.Key("content_item_version_history").Bool(clone_version_history);
  body.EndObject().EndObject();
  auto client = Connect(log);
  auto response = client->Send(api::endpoints::CloneEnvironment(body.view()));
  if (!response.ok()) Fail(log, response.status(), ExitCodeFor(response.status()));
  std::cout << (print_keys ? response->body : RedactKeys(response->body)) << "\n";
  if (!common.quiet) log.Info("cloning started; follow it with: kbulk env clone-status --wait");
  Exit(kExitOk);
}

void CloneStatus() {
  StderrLogger log(common);
  auto client = Connect(log);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(wait_timeout_seconds);
  for (;;) {
    auto response = client->Send(api::endpoints::GetCloningState());
    if (!response.ok()) Fail(log, response.status(), ExitCodeFor(response.status()));
    auto doc = ParseJson(response->body);
    const std::string state =
        doc.ok() ? std::string(StringMember(*doc, "cloning_state").value_or("unknown")) : std::string("unknown");
    const bool finished = state != "in_progress" && state != "pending" && state != "unknown";
    if (!wait_for_clone || finished) {
      std::cout << response->body << "\n";
      Exit(state == "failed" ? kExitFatal : kExitOk);
    }
    if (std::chrono::steady_clock::now() > deadline) {
      Fail(log, Status(StatusCode::kUnavailable, "cloning still '" + state + "' after the --timeout"), kExitFatal);
    }
    if (common.verbose) log.Debug("cloning state: " + state);
    std::this_thread::sleep_for(std::chrono::seconds(5));
  }
}

void Rename() {
  JsonWriter patch;
  patch.StartArray().StartObject().Key("op").String("rename_environment").Key("value").String(new_name);
  patch.EndObject().EndArray();
  RunAndPrint(api::endpoints::RenameEnvironment(patch.view()), "renamed to '" + new_name + "'");
}

void Delete() {
  if (!confirmed) {
    StderrLogger log(common);
    Fail(log, InvalidArgument("deleting an environment cannot be undone: add --yes to confirm"), kExitUsage);
  }
  RunAndPrint(api::endpoints::DeleteEnvironment(), "environment deleted");
}

void MarkProduction() {
  JsonWriter body;
  body.StartObject().Key("enable_webhooks").Bool(enable_webhooks).EndObject();
  RunAndPrint(api::endpoints::MarkAsProduction(body.view()), "environment marked as production");
}

void Setup(CLI::App& app) {
  AddCommonOptions(app, common);
  AddConnectionOptions(app, connection);
  app.fallthrough();  // the options above may also follow the subcommand
  app.require_subcommand(1);

  app.add_subcommand("info", "Print the environment's id and names (also checks the API key)")->callback([] {
    RunAndPrint(api::endpoints::GetEnvironment(), "");
  });

  auto* clone = app.add_subcommand("clone", "Start cloning this environment into a new one");
  clone->add_option("--name", new_name, "Name of the new environment (1-200 characters)")->required();
  clone->add_option("--roles-to-activate", roles_to_activate, "Role ids active in the new environment")->delimiter(',');
  clone->add_flag("!--no-content", clone_assets_and_items, "Clone the model only, without items and assets");
  clone->add_flag("--version-history", clone_version_history, "Also clone the items' version history");
  clone->add_flag("--print-keys", print_keys, "Print the new environment's API keys (redacted by default)");
  clone->callback(Clone);

  auto* status = app.add_subcommand("clone-status", "Print the state of the environment's cloning");
  status->add_flag("--wait", wait_for_clone, "Poll every 5 s until cloning has finished (exit 4 if it failed)");
  status->add_option("--timeout", wait_timeout_seconds, "Give up waiting after this many seconds (default 3600)");
  status->callback(CloneStatus);

  auto* rename = app.add_subcommand("rename", "Change the environment's display name");
  rename->add_option("--name", new_name, "The new name")->required();
  rename->callback(Rename);

  auto* remove = app.add_subcommand("delete", "Delete the environment (cannot be undone)");
  remove->add_flag("--yes", confirmed, "Confirm the deletion");
  remove->callback(Delete);

  auto* production = app.add_subcommand("mark-production", "Make this environment the production environment");
  production->add_flag("!--disable-webhooks", enable_webhooks, "Leave its webhooks disabled afterwards");
  production->callback(MarkProduction);
}

const Registration registration({"env", "Environment info, clone, clone status, rename, delete, mark as production", 60,
                                 Setup});

}  // namespace
}  // namespace kbulk::cli
