#include "importer/item_import.h"

#include <memory>

#include "api/endpoints.h"

namespace kbulk::importer {
namespace ep = api::endpoints;

Status ItemImporter::Add(std::string_view json) {
  KBULK_ASSIGN_OR_RETURN(JsonDocument item, ParseJson(json));
  ++count_;
  std::string source_id(StringMember(item, "id").value_or(""));
  std::string codename(StringMember(item, "codename").value_or(""));
  std::string external_id = ctx_.catalog.AddItem(source_id, StringMember(item, "external_id").value_or(""));
  std::string object = "item '" + codename + "'";
  ctx_.progress.Advanced("items", count_, 0);

  std::string collection_id = ReferencedId(Member(item, "collection"));
  const std::string* collection = ctx_.model.CollectionCodename(collection_id);
  std::string type_id = ReferencedId(Member(item, "type"));
  const std::string* type = ctx_.model.TypeCodename(type_id);
  ItemShape shape{std::string(StringMember(item, "name").value_or("")),
                  collection ? *collection : (collection_id.empty() ? "" : "id:" + collection_id)};

  const TargetState::Item* existing = ctx_.target.FindItem(external_id);
  // Not found by external id: a target item without one that has the codename is this item (it keeps its
  // id; references to it are written by that id).
  const TargetState::CodenameMatch* by_codename = existing ? nullptr : ctx_.target.FindItemByCodename(codename);
  if (by_codename != nullptr) {
    existing = &by_codename->item;
    ctx_.catalog.MatchItemById(source_id, by_codename->id);
    ctx_.report.Note({"items", object,
                      "matched by codename to the target's item " + by_codename->id +
                          ", which has no external id (the API cannot add one): it keeps its id"});
  }
  bool codename_free = by_codename != nullptr || !ctx_.target.ItemCodenameTakenByOther(codename, external_id);
  bool rename = codename_free && (!existing || existing->codename_hash != HashText(codename));
  PlanAction action = !existing                                               ? PlanAction::kCreate
                      : existing->fingerprint != Fingerprint(shape) || rename ? PlanAction::kUpdate
                                                                              : PlanAction::kUnchanged;
  if (!codename_free && (!existing || existing->codename_hash != HashText(codename))) {
    ctx_.report.Note({"items", object, "another item in the target has this codename; the item gets another one"});
  }
  ctx_.report.Plan({"items", object, action,
                    by_codename ? "matched by codename, id " + by_codename->id
                    : existing  ? "matched by external id '" + external_id + "'"
                                : ""});
  if (action == PlanAction::kUnchanged) return Status::Ok();
  if (!existing && !type) {
    ctx_.report.Fail({"item", source_id, codename, "its content type " + type_id + " is not in the archive"});
    return Status::Ok();
  }
  ctx_.report.AddPlannedRequests("items", 1);
  if (ctx_.dry_run) return Status::Ok();

  JsonWriter w;
  w.StartObject().Key("name").String(shape.name);
  if (rename || !existing) {
    if (codename_free) w.Key("codename").String(codename);
  }
  if (!existing) w.Key("type").StartObject().Key("codename").String(*type).EndObject();
  if (collection) w.Key("collection").StartObject().Key("codename").String(*collection).EndObject();
  w.EndObject();
  auto request = std::make_shared<api::Request>(
      ep::UpsertItem(by_codename ? Reference::ById(by_codename->id) : Reference::ByExternalId(external_id), w.view()));
  ContentContext& ctx = ctx_;
  return ctx_.writes.Submit([&ctx, request, source_id, codename]() -> Status {
    auto response = ctx.client.Send(*request);
    if (!response.ok()) {
      if (StopsImport(response.status())) return response.status();
      ctx.report.Fail({"item", source_id, codename, response.status().message()});
      return Status::Ok();
    }
    ctx.report.CountWrite("items");
    return Status::Ok();
  });
}

}  // namespace kbulk::importer
