// Taxonomy groups: list (paged), get, add, modify (patch operations on /terms paths), delete. Terms
// created with an external id that variants referenced earlier take the id reserved for it.
#include <map>
#include <set>

#include "core/codename.h"
#include "core/reference.h"
#include "emulator/identity_rules.h"
#include "emulator/route_support.h"
#include "emulator/routes.h"
#include "emulator/server.h"
#include "emulator/taxonomy_patch.h"

namespace kbulk::emulator {
namespace {

void CollectCodenames(const JsonValue& terms, std::set<std::string>& out) {
  if (!terms.IsArray()) return;
  for (const JsonValue& t : terms.GetArray()) {
    if (auto c = StringMember(t, "codename")) out.insert(std::string(*c));
    if (const JsonValue* sub = Member(t, "terms")) CollectCodenames(*sub, out);
  }
}

// Every term's codename and external id (given ones only) in the group, to find duplicates.
void CountTermIdentities(const JsonValue& terms, std::map<std::string, int>& codenames,
                         std::map<std::string, int>& external_ids) {
  if (!terms.IsArray()) return;
  for (const JsonValue& t : terms.GetArray()) {
    if (auto c = StringMember(t, "codename")) ++codenames[std::string(*c)];
    if (auto x = StringMember(t, "external_id")) ++external_ids[std::string(*x)];
    if (const JsonValue* sub = Member(t, "terms")) CountTermIdentities(*sub, codenames, external_ids);
  }
}

// Term codenames follow the codename rules (longer ones are allowed for terms) and are unique in the group;
// term external ids are unique among the environment's terms (spec: "Unique per object type").
void CheckTermIdentities(const Environment& env, const JsonValue& group, const std::string& group_id,
                         std::vector<ValidationError>& errors) {
  std::map<std::string, int> codenames, external_ids;
  if (const JsonValue* terms = Member(group, "terms")) CountTermIdentities(*terms, codenames, external_ids);
  for (const auto& [codename, count] : codenames) {
    if (Status valid = CheckCodename(codename, kLongCodenameLimit); !valid.ok())
      errors.push_back({"Taxonomy term: " + valid.message(), "terms"});
    if (count > 1) errors.push_back({"The term codename '" + codename + "' is used more than once.", "terms"});
  }
  std::map<std::string, int> other_groups_codenames, other_groups_external_ids;
  for (const StoredObject* other : env.taxonomies.All()) {
    if (other->id == group_id) continue;
    JsonDocument doc = ParseJson(other->json).value();
    if (const JsonValue* terms = Member(doc, "terms"))
      CountTermIdentities(*terms, other_groups_codenames, other_groups_external_ids);
  }
  for (const auto& [external_id, count] : external_ids) {
    if (Status valid = ValidateExternalId(external_id); !valid.ok())
      errors.push_back({"Taxonomy term: " + valid.message(), "terms"});
    if (count > 1 || other_groups_external_ids.count(external_id))
      errors.push_back({"The term external ID '" + external_id + "' is already used by another term.", "terms"});
  }
}

void NormalizeTerms(Environment& env, JsonValue& terms, JsonAllocator& a, std::set<std::string>& taken,
                    std::vector<ValidationError>& errors) {
  if (!terms.IsArray()) {
    errors.push_back({"terms must be an array.", "terms"});
    return;
  }
  for (JsonValue& t : terms.GetArray()) {
    auto name = StringMember(t, "name");
    if (!name || name->empty()) {
      errors.push_back({"Each taxonomy term needs a nonempty name.", "terms"});
      continue;
    }
    if (!StringMember(t, "id"))
      SetStringMember(t, "id", env.IdForNewObject(env.reserved_term_ids, StringMember(t, "external_id").value_or("")),
                      a);
    if (!StringMember(t, "codename")) {
      std::string c = UniqueCodename(
          CodenameFromName(*name, CodenameKind::kOptionOrTerm),
          [&](std::string_view x) { return taken.count(std::string(x)) > 0; }, env.rng, CodenameKind::kOptionOrTerm);
      taken.insert(c);
      SetStringMember(t, "codename", c, a);
    }
    if (!t.HasMember("terms")) t.AddMember("terms", JsonValue(rapidjson::kArrayType), a);
    NormalizeTerms(env, t["terms"], a, taken, errors);
  }
}

std::vector<ValidationError> NormalizeGroup(Environment& env, JsonDocument& doc, const std::string& existing_id) {
  std::vector<ValidationError> errors;
  auto& a = doc.GetAllocator();
  auto name = StringMember(doc, "name");
  if (!name || name->empty())
    errors.push_back({"Provide a nonempty name which fits within 200 characters.", "name"});
  else if (!NameFits(Member(doc, "name"), 200))
    errors.push_back({"Provide a nonempty name which fits within 200 characters.", "name"});
  std::string id = existing_id.empty() ? env.NewId() : existing_id;
  auto codename = ChooseCodename(doc, name.value_or(""), env.taxonomies, env, "taxonomy group", id);
  if (!codename.ok()) errors.push_back({codename.status().message(), "codename"});
  CheckTermIdentities(env, doc, id, errors);
  if (!errors.empty()) return errors;
  SetStringMember(doc, "id", id, a);
  SetStringMember(doc, "codename", *codename, a);
  if (!doc.HasMember("terms")) doc.AddMember("terms", JsonValue(rapidjson::kArrayType), a);
  std::set<std::string> taken;
  CollectCodenames(doc["terms"], taken);
  NormalizeTerms(env, doc["terms"], a, taken, errors);
  SetStringMember(doc, "last_modified", NowTimestamp(), a);
  return errors;
}

ApiResponse GroupNotFound() {
  return NotFoundError(kErrObjectNotFound, "The requested taxonomy was not found.");
}

}  // namespace

void AddTaxonomyRoutes(Router& router) {
  const std::string base = std::string(kApiPrefix) + "/taxonomies";
  const std::string one = base + "/{taxonomy_group_identifier}";
  router.Add("GET", base, [](const ApiRequest& req, RouteContext& ctx) {
    return ListPage(req, ctx.environment->taxonomies, "taxonomies", ctx.options.page_size);
  });
  router.Add("GET", one, [](const ApiRequest& req, RouteContext& ctx) {
    const StoredObject* g = FindByIdentifier(ctx.environment->taxonomies, req.Param("taxonomy_group_identifier"));
    return g ? ApiResponse::Json(200, g->json) : GroupNotFound();
  });
  router.Add("POST", base, [](const ApiRequest& req, RouteContext& ctx) {
    auto body = ParseBody(req);
    if (!body.ok()) return BadJson(body.status());
    if (!body->IsObject()) return InvalidBody("The request body must be a JSON object.");
    if (auto ext = StringMember(*body, "external_id"))
      if (Status valid = CheckExternalId(*ext, ctx.environment->taxonomies, "taxonomy group"); !valid.ok())
        return InvalidBody(valid.message(), "external_id");
    auto errors = NormalizeGroup(*ctx.environment, *body, "");
    if (!errors.empty()) return InvalidBody(errors);
    ctx.environment->taxonomies.Put(ToStored(*body));
    return JsonResponse(201, *body);
  });
  router.Add("PATCH", one, [](const ApiRequest& req, RouteContext& ctx) {
    const StoredObject* g = FindByIdentifier(ctx.environment->taxonomies, req.Param("taxonomy_group_identifier"));
    if (g == nullptr) return GroupNotFound();
    auto ops = ParseBody(req);
    if (!ops.ok()) return BadJson(ops.status());
    JsonDocument doc = ParseJson(g->json).value();
    auto errors = ApplyTaxonomyPatch(doc, *ops);
    if (errors.empty()) errors = NormalizeGroup(*ctx.environment, doc, g->id);
    if (!errors.empty()) return InvalidBody(errors);
    ctx.environment->taxonomies.Put(ToStored(doc));
    return JsonResponse(200, doc);
  });
  router.Add("DELETE", one, [](const ApiRequest& req, RouteContext& ctx) {
    const StoredObject* g = FindByIdentifier(ctx.environment->taxonomies, req.Param("taxonomy_group_identifier"));
    if (g == nullptr) return GroupNotFound();
    const std::string needle = "\"taxonomy_group\":{\"id\":\"" + g->id + "\"}";
    for (const ObjectTable* table : {&ctx.environment->types, &ctx.environment->snippets})
      for (const StoredObject* t : table->All())
        if (t->json.find(needle) != std::string::npos)
          return ErrorResponse(400, kErrGeneric,
                               "The taxonomy group is used by '" + t->codename + "' and cannot be deleted.");
    ctx.environment->taxonomies.Erase(std::string(g->id));
    return ApiResponse::NoContent();
  });
}

}  // namespace kbulk::emulator
