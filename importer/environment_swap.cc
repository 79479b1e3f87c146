#include "importer/environment_swap.h"

#include <algorithm>
#include <thread>

#include "api/endpoints.h"
#include "core/json.h"

namespace kbulk::importer {
namespace ep = api::endpoints;

std::string DescribeClone(const std::string& name, const std::string& id) {
  return "environment '" + name + "' (id " + id + ")";
}

Result<std::string> StartClone(api::ManagementClient& source, const CloneRequest& request) {
  if (request.name.empty() || request.name.size() > 200)
    return InvalidArgument("the new environment's name must have 1-200 characters");
  JsonWriter body;
  body.StartObject().Key("name").String(request.name);
  body.Key("copy_data_options").StartObject();
  body.Key("content_items_assets").Bool(false);
  body.Key("content_item_version_history").Bool(request.with_version_history);
  body.EndObject().EndObject();
  auto response = source.Send(ep::CloneEnvironment(body.view()));
  if (!response.ok()) {
    return Status(response.status().code(),
                  "cloning the target into a new environment '" + request.name + "': " + response.status().message());
  }
  auto doc = ParseJson(response->body);
  if (!doc.ok()) return Corrupt("the clone-environment response is not JSON: " + doc.status().message());
  auto id = StringMember(*doc, "id");
  if (!id || id->empty()) return Corrupt("the clone-environment response names no environment id");
  return std::string(*id);
}

Status WaitForClone(api::ManagementClient& clone, const CloneWait& wait, Logger& log, Progress& progress) {
  const auto deadline = std::chrono::steady_clock::now() + wait.timeout;
  auto interval = wait.first_interval;
  std::uint64_t polls = 0;
  progress.PhaseStarted("cloning", 0);
  for (;;) {
    auto response = clone.Send(ep::GetCloningState());
    if (!response.ok()) return response.status();
    ++polls;
    auto doc = ParseJson(response->body);
    std::string state = doc.ok() ? std::string(StringMember(*doc, "cloning_state").value_or("")) : "";
    progress.Advanced("cloning", polls, 0);
    if (state == "done") {
      progress.PhaseFinished("cloning", polls, 0);
      return Status::Ok();
    }
    if (state == "failed") return Status(StatusCode::kUnavailable, "the service reports the cloning failed");
    if (state.empty()) return Corrupt("the cloning state response has no cloning_state");
    if (std::chrono::steady_clock::now() + interval > deadline) {
      return Status(StatusCode::kUnavailable, "cloning still '" + state + "' after " +
                                                  std::to_string(wait.timeout.count()) + " s (--clone-timeout)");
    }
    log.Debug("cloning state: " + state);
    std::this_thread::sleep_for(interval);
    interval = std::min(interval * 2, wait.max_interval);
  }
}

Status MarkProduction(api::ManagementClient& clone, bool enable_webhooks) {
  JsonWriter body;
  body.StartObject().Key("enable_webhooks").Bool(enable_webhooks).EndObject();
  auto response = clone.Send(ep::MarkAsProduction(body.view()));
  return response.ok() ? Status::Ok() : response.status();
}

}  // namespace kbulk::importer
