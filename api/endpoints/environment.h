// Environment routes (spec/environments-api.txt and "Environments" in the Management API): information,
// clone, cloning state, rename, delete, mark as production.
#pragma once

#include <string_view>

#include "api/endpoints/path.h"

namespace kbulk::api::endpoints {

Request GetEnvironment();
Request RenameEnvironment(std::string_view json_patch_body);  // [{"op":"rename_environment","value":...}]
Request DeleteEnvironment();
Request CloneEnvironment(std::string_view body);  // {"name", "roles_to_activate", ...}
Request GetCloningState();
Request MarkAsProduction(std::string_view body);  // {"enable_webhooks": bool}

// Content validation (asynchronous): start, poll the task, list its issues.
Request StartValidation();
Request GetValidationTask(std::string_view task_id);
ListRequest ListValidationIssues(std::string_view task_id);

}  // namespace kbulk::api::endpoints
