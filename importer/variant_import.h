// The content phase's variants: writes every archived language variant into the target with its exact
// workflow state (step, published version with a newer version on top, schedules with display time zones,
// archived, due date), by codename and external id, in the fewest calls, idempotently. Driven by the
// importer after items are upserted:
//
//   VariantImporter variants(client, model, naming, options, log, progress, report);
//   variants.LoadTarget();                 // the target's latest variants through list routes
//   for each line of content/variants.ndjson:  variants.Add(line);   // archive order
//   variants.Finish();                     // waits for writes in flight
//
// A variant's latest record comes before its published record in an archive, but not always right after
// it (the exporter fetches published versions in parallel): latest records that may get a published one
// wait in a small bounded window (importer/variant_grouping.h); a published record that comes later still is
// put under the latest version already written (importer/variant_late.h). Variants whose target state
// already equals the archived one cost no write. Per-variant failures are reported (ImportReport: kind
// "variant", codename "<item external id>/<language codename>") and never stop the rest; plan entries are
// kind "variants", planned requests phase "content", writes kind "variants"; progress phase "variant writes".
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "api/management_client.h"
#include "content/import_naming.h"
#include "content/model_index.h"
#include "core/log.h"
#include "core/status.h"
#include "importer/import_report.h"

namespace kbulk::importer {

struct VariantImportOptions {
  bool dry_run = false;
  std::uint32_t write_concurrency = 2;
};

class VariantImporter {
 public:
  VariantImporter(api::ManagementClient& client, const content::ModelIndex& model, const content::ImportNaming& naming,
                  VariantImportOptions options, Logger& log, Progress& progress, ImportReport& report);
  ~VariantImporter();
  VariantImporter(const VariantImporter&) = delete;
  VariantImporter& operator=(const VariantImporter&) = delete;

  // Reads the target's current latest variants through list routes (variants by type, 100 a request) so
  // that unchanged variants cost no write; reports the plan (create/update/unchanged) and planned requests.
  Status LoadTarget();
  // Each line of content/variants.ndjson in archive order (formats::ParseVariantRecord splits it).
  Status Add(std::string_view record_line);
  // Waits for writes in flight; per-variant failures are in the report, fatal ones returned.
  Status Finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace kbulk::importer
