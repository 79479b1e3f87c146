// Environment and content-validation routes.
#include "api/endpoints/environment.h"

namespace kbulk::api::endpoints {

Request GetEnvironment() {
  return MakeRequest(Method::kGet, "", "", "environment");
}

Request RenameEnvironment(std::string_view json_patch_body) {
  return MakeRequest(Method::kPatch, "", "", "environment", json_patch_body);
}

Request DeleteEnvironment() {
  return MakeRequest(Method::kDelete, "", "", "environment");
}

Request CloneEnvironment(std::string_view body) {
  return MakeRequest(Method::kPost, "/clone-environment", "/clone-environment", "environment", body);
}

Request GetCloningState() {
  return MakeRequest(Method::kGet, "/environment-cloning-state", "/environment-cloning-state", "environment");
}

Request MarkAsProduction(std::string_view body) {
  return MakeRequest(Method::kPut, "/mark-environment-as-production", "/mark-environment-as-production", "environment",
                     body);
}

Request StartValidation() {
  return MakeRequest(Method::kPost, "/validate-async", "/validate-async", "content validation");
}

Request GetValidationTask(std::string_view task_id) {
  return MakeRequest(Method::kGet, "/validate-async/tasks/" + EncodeSegment(task_id), "/validate-async/tasks/{id}",
                     "validation task " + std::string(task_id));
}

ListRequest ListValidationIssues(std::string_view task_id) {
  return MakeList("/validate-async/tasks/" + EncodeSegment(task_id) + "/issues", "/validate-async/tasks/{id}/issues",
                  "validation task " + std::string(task_id), "issues");
}

}  // namespace kbulk::api::endpoints
