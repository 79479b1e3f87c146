// Language variants: get latest / published, upsert (checked against the content type), delete, and the
// lists by item, type, type with components, collection and space (paged in O(page size)).
// The upsert's `workflow` places a variant in any regular step (or Archived) of any workflow, its scope
// notwithstanding (the spec does not say; data-ops 2.6.2 relies on it); without one, a new variant gets
// the workflow whose scope covers its type and collection (workflow_state.h) at its first step.
#include "emulator/element_check.h"
#include "emulator/pagination.h"
#include "emulator/route_support.h"
#include "emulator/routes.h"
#include "emulator/schedule_clock.h"
#include "emulator/server.h"
#include "emulator/variant_access.h"
#include "emulator/workflow_state.h"

namespace kbulk::emulator {
namespace {

ApiResponse Upsert(const ApiRequest& req, Environment& env) {
  std::optional<ApiResponse> error;
  VariantTarget t = FindVariantTarget(req, env, error);
  if (error) return *error;
  if (t.language->json.find("\"is_active\":false") != std::string::npos)
    return ErrorResponse(400, kErrGeneric, "The language '" + t.language->codename + "' is not active.");
  auto body = ParseBody(req);
  if (!body.ok()) return BadJson(body.status());
  if (!body->IsObject()) return InvalidBody("The request body must be a JSON object.");
  JsonDocument item = ParseJson(t.item->json).value();
  const std::string type_id = RefId(item, "type");
  const std::string collection_id = RefId(item, "collection", kNilId);
  if (t.variant != nullptr) {
    ApplyDueSchedule(env, *t.variant);
    JsonDocument latest = ParseJson(t.variant->latest).value();
    WorkflowPosition pos = PositionOf(latest);
    StepKind kind = StepKindOf(env, pos.workflow_id, pos.step_id);
    if (kind == StepKind::kPublished || kind == StepKind::kScheduled || kind == StepKind::kArchived) {
      const char* step = kind == StepKind::kPublished   ? "Published"
                         : kind == StepKind::kScheduled ? "Scheduled"
                                                        : "Archived";
      return ErrorResponse(400, kErrGeneric,
                           std::string("The language variant is in the ") + step +
                               " workflow step and cannot be modified. " +
                               (kind == StepKind::kArchived ? "Move it to another workflow step first."
                                                            : "Create a new version of it first."));
    }
  }
  const StoredObject* type = env.types.FindById(type_id);
  if (type == nullptr) return ErrorResponse(400, kErrGeneric, "The content type of the item does not exist.");
  JsonDocument type_doc = ParseJson(type->json).value();
  auto& a = body->GetAllocator();
  if (!body->HasMember("elements")) SetMember(*body, "elements", JsonValue(rapidjson::kArrayType), a);
  ElementCheckOutcome outcome = CheckElements(env, type_doc, (*body)["elements"], a);
  WorkflowPosition position;
  if (const JsonValue* w = Member(*body, "workflow")) {
    const JsonValue* wi = Member(*w, "workflow_identifier");
    const JsonValue* si = Member(*w, "step_identifier");
    auto wref = wi ? ReferenceFrom(*wi) : std::nullopt;
    const StoredObject* workflow = wref ? env.workflows.Find(*wref) : nullptr;
    if (workflow == nullptr) {
      outcome.errors.push_back(
          {"The workflow " + (wi ? ToJsonString(*wi) : std::string("(none)")) + " does not exist.", "workflow"});
    } else {
      position.workflow_id = workflow->id;
      auto sref = si ? ReferenceFrom(*si) : std::nullopt;
      JsonDocument wdoc = ParseJson(workflow->json).value();
      if (sref) position.step_id = ResolveStepId(wdoc, *sref);
      StepKind kind = StepKindOf(env, position.workflow_id, position.step_id);
      if (kind == StepKind::kUnknown)
        outcome.errors.push_back({"The workflow step " + (si ? ToJsonString(*si) : std::string("(none)")) +
                                      " does not exist in workflow '" + workflow->codename + "'.",
                                  "workflow.step_identifier"});
      else if (kind == StepKind::kPublished || kind == StepKind::kScheduled)
        return ErrorResponse(400, kErrCannotChangeToPublished,
                             "Cannot change workflow step to Published. If you want to publish a language variant via "
                             "the Management API, use the '/publish' endpoint instead.");
    }
  }
  if (!outcome.errors.empty()) return InvalidBody(outcome.errors);

  JsonDocument variant;
  bool created = t.variant == nullptr;
  if (created) {
    variant.SetObject();
    auto& va = variant.GetAllocator();
    JsonValue elements(rapidjson::kArrayType);
    std::vector<JsonDocument> storage;
    for (const JsonValue* def : FlattenTypeElements(env, type_doc, storage)) {
      std::string_view kind = StringMember(*def, "type").value_or("");
      if (kind == "guidelines") continue;
      JsonValue e;
      WriteEmptyElement(*def, e, va);
      elements.PushBack(std::move(e), va);
    }
    variant.AddMember("elements", std::move(elements), va);
    // The service always returns a schedule and a due date, null when unset.
    JsonValue schedule(rapidjson::kObjectType);
    for (const char* k : {"publish_time", "publish_display_timezone", "unpublish_time", "unpublish_display_timezone"})
      schedule.AddMember(rapidjson::StringRef(k), JsonValue(), va);
    variant.AddMember("schedule", std::move(schedule), va);
    JsonValue due(rapidjson::kObjectType);
    due.AddMember("value", JsonValue(), va);
    variant.AddMember("due_date", std::move(due), va);
    // Newer service members the SDK models: the variant's contributors and its workflow note.
    variant.AddMember("contributors", JsonValue(rapidjson::kArrayType), va);
    variant.AddMember("note", JsonValue(), va);
    if (position.workflow_id.empty()) position = InitialWorkflow(env, type_id, collection_id);
  } else {
    variant = ParseJson(t.variant->latest).value();
    if (position.workflow_id.empty()) position = PositionOf(variant);
  }
  auto& va = variant.GetAllocator();
  if (!variant.HasMember("elements") || !variant["elements"].IsArray())
    SetMember(variant, "elements", JsonValue(rapidjson::kArrayType), va);
  JsonValue& elements = variant["elements"];
  for (JsonValue& given : (*body)["elements"].GetArray()) {
    std::string_view id = StringMember(given["element"], "id").value_or("");
    JsonValue copy(given, va);
    bool replaced = false;
    for (JsonValue& existing : elements.GetArray()) {
      if (RefId(existing, "element") == id) {
        existing = std::move(copy);
        replaced = true;
        break;
      }
    }
    if (!replaced) elements.PushBack(std::move(copy), va);
  }
  SetPosition(variant, position, va);
  if (const JsonValue* due = Member(*body, "due_date")) SetMember(variant, "due_date", JsonValue(*due, va), va);
  if (const JsonValue* note = Member(*body, "note")) SetMember(variant, "note", JsonValue(*note, va), va);
  JsonValue item_ref, language_ref;
  SetIdReference(item_ref, t.item->id, va);
  SetIdReference(language_ref, t.language->id, va);
  SetMember(variant, "item", std::move(item_ref), va);
  SetMember(variant, "language", std::move(language_ref), va);
  SetStringMember(variant, "last_modified", NowTimestamp(), va);
  StoredVariant stored;
  stored.item_id = t.item->id;
  stored.language_id = t.language->id;
  stored.type_id = type_id;
  stored.collection_id = collection_id;
  stored.latest = ToJsonString(variant);
  if (!created) stored.published = t.variant->published;
  env.variants.Put(std::move(stored));
  return JsonResponse(created ? 201 : 200, variant);
}

ApiResponse VariantList(const ApiRequest& req, Environment& env, VariantTable::Index index, std::string_view key,
                        std::size_t page_size, const std::string& needle) {
  auto from = RequestedPosition(req);
  if (!from) return ErrorResponse(400, 0, "The specified continuation token is incorrect.");
  JsonWriter w;
  w.StartObject().Key("variants").StartArray();
  std::uint64_t next = *from;
  std::size_t written = 0;
  // With a needle (components of a type), pages skip other variants, bounded by 10 pages of scanning.
  for (int scans = 0; scans < 10 && written < page_size; ++scans) {
    VariantPage page = env.variants.Page(index, key, next, page_size - written);
    for (const StoredVariant* v : page.variants) {
      ApplyDueSchedule(env, *env.variants.FindMutable(v->item_id, v->language_id));
      if (!needle.empty() && v->latest.find(needle) == std::string::npos) continue;
      w.Raw(v->latest);
      ++written;
    }
    next = page.next_seq;
    if (next == 0 || needle.empty()) break;
  }
  w.EndArray();
  WritePagination(w, req, next);
  w.EndObject();
  return ApiResponse::Json(200, w.str());
}

}  // namespace

void AddVariantRoutes(Router& router) {
  const std::string one = std::string(kApiPrefix) + "/items/{item_identifier}/variants/{language_identifier}";
  router.Add("GET", one, [](const ApiRequest& req, RouteContext& ctx) {
    std::optional<ApiResponse> error;
    VariantTarget t = FindVariantTarget(req, *ctx.environment, error);
    if (error) return *error;
    if (t.variant == nullptr) return VariantNotFound();
    ApplyDueSchedule(*ctx.environment, *t.variant);
    return ApiResponse::Json(200, t.variant->latest);
  });
  router.Add("GET", one + "/published", [](const ApiRequest& req, RouteContext& ctx) {
    std::optional<ApiResponse> error;
    VariantTarget t = FindVariantTarget(req, *ctx.environment, error);
    if (error) return *error;
    if (t.variant == nullptr) return VariantNotFound();
    ApplyDueSchedule(*ctx.environment, *t.variant);
    if (t.variant->published) return ApiResponse::Json(200, *t.variant->published);
    JsonDocument latest = ParseJson(t.variant->latest).value();
    WorkflowPosition pos = PositionOf(latest);
    if (StepKindOf(*ctx.environment, pos.workflow_id, pos.step_id) == StepKind::kPublished)
      return ApiResponse::Json(200, t.variant->latest);
    return VariantNotFound();
  });
  router.Add("PUT", one, [](const ApiRequest& req, RouteContext& ctx) { return Upsert(req, *ctx.environment); });
  router.Add("DELETE", one, [](const ApiRequest& req, RouteContext& ctx) {
    Environment& env = *ctx.environment;
    std::optional<ApiResponse> error;
    VariantTarget t = FindVariantTarget(req, env, error);
    if (error) return *error;
    if (t.variant == nullptr) return VariantNotFound();
    std::string item_id = t.item->id;
    env.variants.Erase(item_id, t.language->id);
    if (env.variants.OfItem(item_id).empty()) env.items.Erase(item_id);  // the last variant takes the item along
    return ApiResponse::NoContent();
  });
  router.Add("GET", std::string(kApiPrefix) + "/items/{item_identifier}/variants",
             [](const ApiRequest& req, RouteContext& ctx) {
               const StoredObject* item = FindByIdentifier(ctx.environment->items, req.Param("item_identifier"));
               if (item == nullptr)
                 return NotFoundError(
                     kErrItemNotFound,
                     "The requested content item '" + std::string(req.Param("item_identifier")) + "' was not found.");
               JsonWriter w;
               w.StartArray();
               for (const StoredVariant* v : ctx.environment->variants.OfItem(item->id)) {
                 ApplyDueSchedule(*ctx.environment, *ctx.environment->variants.FindMutable(v->item_id, v->language_id));
                 w.Raw(v->latest);
               }
               w.EndArray();
               return ApiResponse::Json(200, w.str());
             });
  router.Add("GET", std::string(kApiPrefix) + "/types/{type_identifier}/variants",
             [](const ApiRequest& req, RouteContext& ctx) {
               const StoredObject* type = FindByIdentifier(ctx.environment->types, req.Param("type_identifier"));
               if (type == nullptr)
                 return NotFoundError(kErrObjectNotFound, "The requested content type was not found.");
               return VariantList(req, *ctx.environment, VariantTable::Index::kType, type->id, ctx.options.page_size,
                                  "");
             });
  router.Add("GET", std::string(kApiPrefix) + "/types/{type_identifier}/components",
             [](const ApiRequest& req, RouteContext& ctx) {
               const StoredObject* type = FindByIdentifier(ctx.environment->types, req.Param("type_identifier"));
               if (type == nullptr)
                 return NotFoundError(kErrObjectNotFound, "The requested content type was not found.");
               return VariantList(req, *ctx.environment, VariantTable::Index::kAll, "", ctx.options.page_size,
                                  "\"type\":{\"id\":\"" + type->id + "\"}");
             });
  router.Add(
      "GET", std::string(kApiPrefix) + "/collections/{collection_identifier}/variants",
      [](const ApiRequest& req, RouteContext& ctx) {
        const StoredObject* c = FindByIdentifier(ctx.environment->collections, req.Param("collection_identifier"));
        if (c == nullptr) return NotFoundError(kErrObjectNotFound, "The requested collection was not found.");
        return VariantList(req, *ctx.environment, VariantTable::Index::kCollection, c->id, ctx.options.page_size, "");
      });
  router.Add(
      "GET", std::string(kApiPrefix) + "/spaces/{space_identifier}/variants",
      [](const ApiRequest& req, RouteContext& ctx) {
        const StoredObject* s = FindByIdentifier(ctx.environment->spaces, req.Param("space_identifier"));
        if (s == nullptr)
          return NotFoundError(kErrSpaceNotFound, "The requested space '" + std::string(req.Param("space_identifier")) +
                                                      "' was not found.");
        // Items of a space: the space's collections (spaces list collections they contain).
        JsonDocument space = ParseJson(s->json).value();
        const JsonValue* collections = Member(space, "collections");
        if (collections == nullptr || !collections->IsArray() || collections->Empty())
          return VariantList(req, *ctx.environment, VariantTable::Index::kCollection, "\x01", ctx.options.page_size,
                             "");
        std::string first(StringMember((*collections)[0], "id").value_or(""));
        return VariantList(req, *ctx.environment, VariantTable::Index::kCollection, first, ctx.options.page_size, "");
      });
}

}  // namespace kbulk::emulator
