// Reference closure of an archive: every item, asset, blob, rendition, content type, element, option,
// taxonomy term, language, collection and workflow step that content refers to must be in the archive. Fed
// the records in archive order (model, blobs, assets, items, variants), it checks each reference the moment
// it is read, because everything a record may refer to comes earlier in the archive; memory grows only with
// the number of objects' ids, never with content size. Element values are walked by the content reference
// model (element_references.h), rich text through the rich-text engine. Not thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "formats/archive_verifier.h"

namespace kbulk::content {

class ReferenceClosure final : public formats::RecordCheck {
 public:
  explicit ReferenceClosure(std::size_t max_kept = 1000);
  ~ReferenceClosure() override;

  Status OnRecord(EntityKind entity, std::string_view json) override;
  void OnBlob(std::string_view sha256_hex) override;
  std::uint64_t dangling_count() const override;
  const std::vector<formats::DanglingReference>& dangling() const override;  // the first `max_kept`

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// formats::VerifyArchive with the reference closure (keeping options.max_dangling_kept): `kbulk verify`.
formats::VerifyReport VerifyArchive(const std::string& path, const formats::VerifyOptions& options = {});

}  // namespace kbulk::content
