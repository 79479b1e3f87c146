// What the content phases of an import (assets, items) share: read-only lookups built before content
// starts, the report, and the pool that bounds writes in flight. Built by importer.cc; each phase keeps
// its own state.
#pragma once

#include "api/management_client.h"
#include "content/model_index.h"
#include "core/log.h"
#include "importer/archive_catalog.h"
#include "importer/import_report.h"
#include "importer/target_state.h"
#include "importer/write_pool.h"

namespace kbulk::importer {

struct ContentContext {
  api::ManagementClient& client;
  const content::ModelIndex& model;
  const TargetState& target;
  ArchiveCatalog& catalog;
  ImportReport& report;
  Logger& log;
  Progress& progress;
  WritePool& writes;
  bool dry_run = false;
};

// Errors that no other object could get past either (auth, permissions, the local disk, Ctrl-C): they
// stop the import instead of being reported per object.
inline bool StopsImport(const Status& status) {
  switch (status.code()) {
    case StatusCode::kUnauthenticated:
    case StatusCode::kPermissionDenied:
    case StatusCode::kCancelled:
    case StatusCode::kIo: return true;
    default: return false;
  }
}

}  // namespace kbulk::importer
