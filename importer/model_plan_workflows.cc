// Planners for workflows (steps, transitions by step codename, roles mapped by name, scopes set after
// content), webhooks (current and legacy; created after content, matched by name and URL) and Web
// Spotlight (activated after content once its root type exists).
#include <algorithm>
#include <random>

#include "api/endpoints.h"
#include "core/reference.h"
#include "importer/model_state.h"

namespace kbulk::importer {

namespace ep = api::endpoints;
using State = ModelImportState;

namespace {

// Role ids of `list` as the target names them: archived ids through the role map (missing ones dropped and
// named in `missing`), target ids as they are. Sorted, so lists compare as sets.
JsonValue Roles(const State& s, const JsonValue* list, bool archived, JsonAllocator& a,
                std::vector<std::string>* missing) {
  std::vector<std::string> ids;
  if (list != nullptr && list->IsArray())
    for (const JsonValue& r : list->GetArray()) {
      if (!r.IsString()) continue;
      std::string id = r.GetString();
      if (!archived) {
        ids.push_back(id);
        continue;
      }
      auto it = s.role_ids.find(id);
      if (it != s.role_ids.end()) {
        ids.push_back(it->second);
      } else if (missing != nullptr) {
        auto label = s.role_labels.find(id);
        missing->push_back(label != s.role_labels.end() && !label->second.empty() ? label->second : id);
      }
    }
  std::sort(ids.begin(), ids.end());
  JsonValue out(rapidjson::kArrayType);
  for (const std::string& id : ids) out.PushBack(MakeString(id, a), a);
  return out;
}

// The workflow as a create / update body, by codename. `scopes` = nullptr: an empty scope list.
JsonDocument WorkflowBody(const State& s, const JsonValue& w, bool archived, const JsonValue* scopes,
                          std::vector<std::string>* missing_roles) {
  const ModelNames& names = archived ? s.source_names : s.target_names;
  JsonDocument body;
  body.SetObject();
  auto& a = body.GetAllocator();
  body.AddMember("name", MakeString(Str(w, "name"), a), a);
  body.AddMember("codename", MakeString(Str(w, "codename"), a), a);
  body.AddMember("scopes", scopes != nullptr ? JsonValue(*scopes, a) : JsonValue(rapidjson::kArrayType), a);
  JsonValue steps(rapidjson::kArrayType);
  if (const JsonValue* list = Member(w, "steps"); list && list->IsArray())
    for (const JsonValue& step : list->GetArray()) {
      JsonValue out(rapidjson::kObjectType);
      const std::string codename = Str(step, "codename");
      out.AddMember("name", MakeString(Str(step, "name"), a), a);
      out.AddMember("codename", MakeString(codename, a), a);
      out.AddMember("color", MakeString(Str(step, "color"), a), a);
      JsonValue transitions(rapidjson::kArrayType);
      if (const JsonValue* t = Member(step, "transitions_to")) transitions = WritableCopy(*t, names, a);
      out.AddMember("transitions_to", std::move(transitions), a);
      std::vector<std::string> missing;
      out.AddMember("role_ids", Roles(s, Member(step, "role_ids"), archived, a, &missing), a);
      if (missing_roles != nullptr)
        for (const std::string& m : missing) missing_roles->push_back("step '" + codename + "': role '" + m + "'");
      steps.PushBack(std::move(out), a);
    }
  body.AddMember("steps", std::move(steps), a);
  const JsonValue* published = Member(w, "published_step");
  JsonValue p(rapidjson::kObjectType);
  std::vector<std::string> missing;
  for (const char* key : {"unpublish_role_ids", "create_new_version_role_ids"})
    p.AddMember(rapidjson::StringRef(key),
                Roles(s, published ? Member(*published, key) : nullptr, archived, a, &missing), a);
  body.AddMember("published_step", std::move(p), a);
  const JsonValue* archived_step = Member(w, "archived_step");
  JsonValue ar(rapidjson::kObjectType);
  ar.AddMember("role_ids",
               Roles(s, archived_step ? Member(*archived_step, "role_ids") : nullptr, archived, a, &missing), a);
  body.AddMember("archived_step", std::move(ar), a);
  if (missing_roles != nullptr)
    for (const std::string& m : missing) missing_roles->push_back("published/archived step: role '" + m + "'");
  return body;
}

JsonValue ScopesOf(const JsonValue& w, const ModelNames& names, JsonAllocator& a) {
  const JsonValue* scopes = Member(w, "scopes");
  return scopes && scopes->IsArray() ? WritableCopy(*scopes, names, a) : JsonValue(rapidjson::kArrayType);
}

ModelWrite Write(std::string kind, std::string codename, api::Request request, bool essential = false) {
  ModelWrite w;
  w.kind = std::move(kind);
  w.codename = std::move(codename);
  w.request = [r = std::move(request)] { return r; };
  w.essential = essential;
  return w;
}

std::string RandomSecret() {
  std::random_device device;
  std::string out;
  const char* hex = "0123456789abcdef";
  for (int i = 0; i < 40; ++i) out += hex[device() % 16];
  return out;
}

}  // namespace

void PlanWorkflows(State& s) {
  for (const auto& w : s.source[EntityKind::kWorkflow]) {
    const std::string codename = Str(*w, "codename");
    std::vector<std::string> missing_roles;
    JsonDocument scopes_doc;
    JsonValue scopes = ScopesOf(*w, s.source_names, scopes_doc.GetAllocator());
    const JsonDocument* t = s.TargetByCodename(EntityKind::kWorkflow, codename);
    bool scopes_after = false;
    if (t == nullptr) {
      JsonDocument body = WorkflowBody(s, *w, true, nullptr, &missing_roles);
      s.before.push_back(Write("workflow", codename, ep::AddWorkflow(ToJsonString(body)), true));
      s.before.back().probe = [] { return ep::ListWorkflows().request; };
      s.before.back().took_effect = [codename](const std::string& answer) {
        return answer.find("\"codename\":" + ToJsonString(JsonValue(rapidjson::StringRef(codename.c_str())))) !=
               std::string::npos;
      };
      s.Plan("workflows", codename, PlanAction::kCreate);
      scopes_after = !scopes.Empty();
    } else {
      JsonDocument target_scopes_doc;
      JsonValue target_scopes = ScopesOf(*t, s.target_names, target_scopes_doc.GetAllocator());
      JsonDocument want = WorkflowBody(s, *w, true, &target_scopes, &missing_roles);
      JsonDocument have = WorkflowBody(s, *t, false, &target_scopes, nullptr);
      const bool same = JsonEquals(want, have), same_scopes = JsonEquals(scopes, target_scopes);
      const bool may = s.MayUpdate(codename == "default");
      std::string detail = std::string(same ? "" : "steps, transitions or roles") + (same || same_scopes ? "" : "; ") +
                           (same_scopes ? "" : "scopes");
      if (same && same_scopes) {
        s.Plan("workflows", codename, PlanAction::kUnchanged);
      } else if (may) {
        if (!same)
          s.before.push_back(Write("workflow", codename,
                                   ep::UpdateWorkflow(Reference::ByCodename(codename), ToJsonString(want)), true));
        scopes_after = !same_scopes;
        s.Plan("workflows", codename, PlanAction::kUpdate, detail);
      } else {
        s.Plan("workflows", codename, PlanAction::kSkip,
               "differs from the archive (not updated without --update-model): " + detail);
        missing_roles.clear();
      }
    }
    for (const std::string& m : missing_roles)
      s.report.Note({"workflows", codename, m + " is missing in the target; the step is written without it"});
    if (scopes_after) {
      const JsonValue* source = w.get();
      ModelWrite write;
      write.kind = "workflow";
      write.codename = codename;
      write.request = [&s, source, codename] {
        JsonDocument scopes_doc;
        JsonValue scopes = ScopesOf(*source, s.source_names, scopes_doc.GetAllocator());
        JsonDocument body = WorkflowBody(s, *source, true, &scopes, nullptr);
        return ep::UpdateWorkflow(Reference::ByCodename(codename), ToJsonString(body));
      };
      s.after.push_back(std::move(write));
    }
  }
}

void PlanWebhooks(State& s, bool legacy) {
  const EntityKind kind = legacy ? EntityKind::kLegacyWebhook : EntityKind::kWebhook;
  const char* kind_name = legacy ? "legacy_webhooks" : "webhooks";
  if (legacy && !s.legacy_webhooks_available) return;
  for (const auto& w : s.source[kind]) {
    const std::string name = Str(*w, "name"), url = Str(*w, "url");
    bool exists = false;
    for (const auto& t : s.target[kind]) exists = exists || (Str(*t, "name") == name && Str(*t, "url") == url);
    if (exists) {
      s.Plan(kind_name, name, PlanAction::kUnchanged);
      continue;
    }
    const bool new_secret = Str(*w, "secret").empty();
    if (new_secret)
      s.report.Note({kind_name, name, "the archive holds no secret for this webhook: it gets a new random secret"});
    const JsonValue* source = w.get();
    ModelWrite write;
    write.kind = legacy ? "legacy_webhook" : "webhook";
    write.codename = name;
    write.refusal_is_note = legacy;
    write.probe = [legacy] {
      return legacy ? RawRequest(api::Method::kGet, "/webhooks", "legacy webhooks") : ep::ListWebhooks().request;
    };
    write.took_effect = [name, url](const std::string& answer) {
      auto list = ParseJson(answer);
      if (!list.ok() || !list->IsArray()) return false;
      for (const JsonValue& hook : list->GetArray())
        if (Str(hook, "name") == name && Str(hook, "url") == url) return true;
      return false;
    };
    // Built when sent: the filters name types, collections, languages and taxonomy groups by the ids the
    // target gave them (the service answers webhooks by id).
    write.request = [&s, source, legacy, name, new_secret] {
      JsonDocument body;
      body.CopyFrom(*source, body.GetAllocator());
      ReferencesToTargetIds(body, s.source_names, s.target_names, body.GetAllocator());
      for (const char* key : {"health_status", "last_modified", "id"}) body.RemoveMember(key);
      if (new_secret) {
        body.RemoveMember("secret");
        body.AddMember("secret", MakeString(RandomSecret(), body.GetAllocator()), body.GetAllocator());
      }
      return legacy ? RawRequest(api::Method::kPost, "/webhooks", "legacy webhook '" + name + "'", ToJsonString(body))
                    : ep::AddWebhook(ToJsonString(body));
    };
    s.after.push_back(std::move(write));
    s.Plan(kind_name, name, PlanAction::kCreate);
  }
}

void PlanWebSpotlight(State& s) {
  auto& source = s.source[EntityKind::kWebSpotlight];
  auto& target = s.target[EntityKind::kWebSpotlight];
  if (source.empty() || !s.spotlight_available || target.empty()) return;
  const JsonDocument& want = *source.front();
  if (BoolMember(want, "available") == false) return;  // the source did not answer the route
  const bool enabled = BoolMember(want, "enabled").value_or(false);
  const bool target_enabled = BoolMember(*target.front(), "enabled").value_or(false);
  const std::string* root =
      s.source_names.Codename(ReferenceValue(Member(want, "root_type")), EntityKind::kContentType);
  const std::string* target_root =
      s.target_names.Codename(ReferenceValue(Member(*target.front(), "root_type")), EntityKind::kContentType);
  if (enabled == target_enabled && (!enabled || (root && target_root && *root == *target_root))) {
    s.Plan("web_spotlight", "", PlanAction::kUnchanged);
    return;
  }
  if (target_enabled && !s.MayUpdate()) {
    s.Plan("web_spotlight", "", PlanAction::kSkip, "differs from the archive (not updated without --update-model)");
    return;
  }
  if (enabled && root == nullptr) {
    s.report.Note({"web_spotlight", "", "the archive's Web Spotlight root type is not in the archive: not activated"});
    return;
  }
  ModelWrite write;
  write.kind = "web_spotlight";
  write.refusal_is_note = true;
  std::string body =
      enabled ? "{\"root_type\":{\"codename\":" + ToJsonString(JsonValue(rapidjson::StringRef(root->c_str()))) + "}}"
              : "";
  api::Request r = RawRequest(api::Method::kPut, enabled ? "/web-spotlight/activate" : "/web-spotlight/deactivate",
                              "Web Spotlight", body);
  write.request = [r] { return r; };
  s.after.push_back(std::move(write));
  s.Plan("web_spotlight", "", target_enabled ? PlanAction::kUpdate : PlanAction::kCreate);
}

}  // namespace kbulk::importer
