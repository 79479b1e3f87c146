// The model phase of an import: makes the target's content model match the archive's, matched by
// codename (the default language by being default). Owned by importer/model_*.cc; driven by the
// importer (importer/importer.cc) in this order:
//
//   ModelImporter model(client, options, log, report);
//   for each model record/document in the archive:  model.Add(kind, json);   // archive order
//   model.Plan();                 // reads the target's model through list routes; fills report.Plan(...)
//   if conflicts: stop before any content write (the report names type and element)
//   model.ApplyBeforeContent();   // unless dry run: languages, collections, spaces, taxonomies (terms
//                                 // merged), asset folders, snippets, types (mutually referencing types
//                                 // created first, linked by a patch), workflows (without scopes),
//                                 // preview configuration; --update-model patches existing ones
//   ... assets and content ...
//   model.ApplyAfterContent();    // workflow scopes, element defaults/guidelines that reference items,
//                                 // assets, terms or options, Web Spotlight activation, space root
//                                 // items, webhooks (created last so the import's writes do not fire them)
//
// Content is written by codename and external id, so the content phase needs no target ids from here;
// it reads the archive's own model through content::ModelIndex.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "api/management_client.h"
#include "content/import_naming.h"
#include "core/entity_kind.h"
#include "core/log.h"
#include "core/status.h"
#include "importer/import_report.h"

namespace kbulk::importer {

struct ModelImportOptions {
  bool update_model = false;  // patch existing objects to match the archive (minimal JSON patch)
  bool dry_run = false;       // Plan() only; Apply* must not be called
};

class ModelImporter {
 public:
  ModelImporter(api::ManagementClient& client, ModelImportOptions options, Logger& log, ImportReport& report);
  ~ModelImporter();
  ModelImporter(const ModelImporter&) = delete;
  ModelImporter& operator=(const ModelImporter&) = delete;

  // How items and assets are named in the target (element defaults, guidelines and space root items name
  // them by external id). Optional; without it SourceExternalId(source id) is used. Must outlive
  // ApplyAfterContent().
  void SetNaming(const content::ImportNaming* naming);

  // One model record (NDJSON line) or document of the archive, as EntryInfo::entity names it.
  // Kinds the model phase does not import (roles are read for mapping) are kept or ignored as needed.
  Status Add(EntityKind kind, std::string_view json);

  // Reads the target's model (list routes, ~1 request per kind) and decides create / update / unchanged
  // / conflict per object, reporting each through ImportReport::Plan and the requests it will make
  // through ImportReport::AddPlannedRequests("model", n) and ("model_after_content", n).
  Status Plan();
  bool has_conflicts() const;

  // Writes what Plan() decided, before content. A per-object failure is reported and the rest continues;
  // a failure content cannot do without (a type or language that could not be created) is returned.
  Status ApplyBeforeContent();

  // The parts that must wait for content (see the header comment). Per-object failures are reported.
  Status ApplyAfterContent();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace kbulk::importer
