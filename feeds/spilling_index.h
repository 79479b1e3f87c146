// SpillingIndex: a key -> value lookup (small values: an object's names) whose memory is bounded by a budget,
// not by the number of entries. Entries stay in a hash map until their bytes exceed the budget; then they are
// sorted and written as a run to an owner-only anonymous temporary file (formats/temp_files.h). Before the
// first lookup after a spill, the runs are merged into one sorted table on disk, read by block: memory keeps
// only each block's first key (about 1 % of the table) and a few recently read blocks.
//
//   SpillingIndex index(4 << 20);
//   KBULK_RETURN_IF_ERROR(index.Put(key, value));   // a later Put of a key wins
//   std::string value;
//   KBULK_ASSIGN_OR_RETURN(bool found, index.Get(key, value));
//
// Puts may follow lookups: they go to memory again and the next spill merges them in. Not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"

namespace kbulk::feeds {

class SpillingIndex {
 public:
  static constexpr std::size_t kDefaultBudget = std::size_t{1} << 20;

  // `temp_dir`: where the temporary files go ("" = $TMPDIR, else /tmp).
  explicit SpillingIndex(std::size_t memory_budget = kDefaultBudget, std::string temp_dir = {});
  ~SpillingIndex();
  SpillingIndex(const SpillingIndex&) = delete;
  SpillingIndex& operator=(const SpillingIndex&) = delete;

  Status Put(std::string_view key, std::string_view value);
  // Copies the value of `key` into `value`; false (and `value` untouched) when the key is absent.
  Result<bool> Get(std::string_view key, std::string& value);

  std::uint64_t spills() const { return spills_; }            // runs written so far
  std::size_t memory_bytes() const { return memory_bytes_; }  // estimated bytes of the in-memory entries

 private:
  struct Run {
    std::uint64_t offset = 0, size = 0;
  };
  struct Block {
    std::string first_key;
    std::uint64_t offset = 0, size = 0;
  };
  struct CachedBlock {
    std::size_t index = static_cast<std::size_t>(-1);
    std::string data;
  };

  Status Spill();  // the in-memory entries as a sorted run
  Status Seal();   // the runs and the table merged into a new table
  Result<bool> FindInTable(std::string_view key, std::string& value);
  Result<const std::string*> ReadBlock(std::size_t index);

  std::size_t budget_;
  std::string temp_dir_;
  std::unordered_map<std::string, std::string> memory_;
  std::size_t memory_bytes_ = 0;
  int runs_fd_ = -1;  // the runs, appended
  std::uint64_t runs_end_ = 0;
  std::vector<Run> runs_;
  int table_fd_ = -1;  // the sorted table
  std::vector<Block> blocks_;
  std::vector<CachedBlock> cache_;
  std::uint64_t spills_ = 0;
};

}  // namespace kbulk::feeds
