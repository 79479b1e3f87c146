// Test support for content/: real model and content from the data-ops fixture zips and from an export of
// the emulator's sample seed, and an independent checker of what RewriteElementsForImport must produce.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "content/import_naming.h"
#include "content/model_index.h"
#include "core/json.h"
#include "tests/support/zip_fixture.h"

namespace kbulk::content::testing {

using kbulk::testing::JsonObjects;
using kbulk::testing::ReadZip;
// A ModelIndex of a data-ops backup's model files.
ModelIndex DataOpsModel(const std::map<std::string, std::string>& files);

// Naming for tests: objects in `items`/`assets` (id -> archived external id, "" for none) are in the
// archive; others are forward references. Records what it was asked.
struct TestNaming {
  std::map<std::string, std::string> items, assets;
  ImportNaming naming() const;
  std::string Item(const std::string& id) const;  // the expected external id
  std::string Asset(const std::string& id) const;
};

// What the check saw, so a test can assert its data covered every case.
struct Coverage {
  std::set<std::string> element_types;  // types of elements met, nested ones too
  int max_component_depth = 0;
  std::set<std::string> rich_text_kinds;  // richtext::ReferenceKindName of references met
  int renditions = 0;
};

// CHECKs `out` (the rewritten elements array) against `in` (the API's) element by element, deriving every
// expected value from `in`, `model` and `naming` alone.
void CheckRewritten(const JsonValue& in, const JsonValue& out, const ModelIndex& model, const TestNaming& naming,
                    Coverage& coverage, int depth = 0);

}  // namespace kbulk::content::testing
