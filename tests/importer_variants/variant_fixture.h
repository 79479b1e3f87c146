// End-to-end support for the variant importer: an emulator with the `sample` seed, its export read back,
// a target environment holding the same model and no content (a clone of the seeded environment made with
// copy_data_options.content_items_assets = false, so the variant importer is tested without the model
// phase), the archive's items upserted there by external id, and the target's variants read back by
// codename for comparisons.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "api/management_client.h"
#include "content/import_naming.h"
#include "content/model_index.h"
#include "importer/import_report.h"
#include "importer/variant_import.h"
#include "tests/exporter/archive_content.h"
#include "tests/support/kbulk_process.h"

namespace kbulk::testing {

// A variant's workflow state by codename, the same for source and target whatever their ids.
struct VariantState {
  std::string workflow, step;
  std::int64_t publish_time = 0, unpublish_time = 0, due_date = 0;
  std::string publish_zone, unpublish_zone;
  std::string title;  // the value of an element with codename "title"/"name"/"text", when there is one
  bool operator==(const VariantState& o) const {
    return workflow == o.workflow && step == o.step && publish_time == o.publish_time &&
           unpublish_time == o.unpublish_time && due_date == o.due_date && publish_zone == o.publish_zone &&
           unpublish_zone == o.unpublish_zone && title == o.title;
  }
};
std::string Describe(const VariantState& state);

class VariantFixture {
 public:
  explicit VariantFixture(const std::vector<std::string>& emulator_faults = {});

  Emulator& emulator() { return *emu_; }
  std::unique_ptr<api::ManagementClient> Client(const std::string& environment) const;
  const std::string& source() const { return emu_->environment_id(0); }
  const std::string& target() const { return target_; }

  const content::ModelIndex& model() const { return model_; }
  const content::ImportNaming& naming() const { return naming_; }
  const std::vector<std::string>& variant_records() const;

  // Runs VariantImporter over `records` into the target; REQUIREs LoadTarget and Finish to succeed.
  // `environment` "" = the target.
  void Import(const std::vector<std::string>& records, importer::ImportReport& report, bool dry_run = false,
              std::uint32_t write_concurrency = 2, const std::string& environment = "");

  // Like Import, with Finish() after each batch: records of a later batch meet a window already emptied
  // (how records further apart than the window arrive).
  void ImportBatches(const std::vector<std::vector<std::string>>& batches, importer::ImportReport& report);

  // Latest state of every variant of the environment, by "item external id/language codename"; published
  // versions as "…/published" (their titles only).
  std::map<std::string, VariantState> States(const std::string& environment, bool with_published) const;
  // The archive's expectation: every archived record's state under the same keys.
  std::map<std::string, VariantState> ArchivedStates() const;

  // Writes (POST/PUT/PATCH/DELETE) the emulator counted since the last ResetStats().
  std::uint64_t Writes() const;
  std::string StatsJson() const { return emu_->Get("/_emulator/stats"); }
  void ResetStats() const { emu_->Post("/_emulator/stats/reset"); }

  std::string ExternalIdOfItem(const std::string& source_id) const;

 private:
  std::unique_ptr<Emulator> emu_;
  TempDir dir_;
  ArchiveContent archive_;
  content::ModelIndex model_;
  std::map<std::string, std::string> items_, assets_;  // source id -> external id in the target
  content::ImportNaming naming_;
  std::string target_;
};

}  // namespace kbulk::testing
