// Reading a zip file entry by entry with libarchive (which reads zip: the central directory when the file
// is complete, the local headers otherwise), with the same safety rules as the kbulk archive reader:
// unsafe names, links, devices, duplicate names, oversized entries and too many entries are refused with a
// message naming the entry, and an entry whose data is damaged or cut short (CRC, truncation) fails when
// it is read. Directory entries are skipped. Used for data-ops backups (formats/dataops_reader.h).
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/status.h"
#include "formats/byte_stream.h"

namespace kbulk::formats {

struct ZipLimits {
  std::uint64_t max_entry_size = 16ull << 30;  // bytes of one entry, uncompressed
  std::uint64_t max_total_size = 1ull << 40;   // bytes of all entries, uncompressed
  std::uint64_t max_entries = 10'000'000;
};

struct ZipEntry {
  std::string path;
  std::uint64_t size = 0;  // as the zip declares it (the data must have exactly this size)
};

// True when the file at `path` starts like a zip ("PK\3\4", or "PK\5\6" for an empty zip). "-" and
// unreadable files are not zips.
bool LooksLikeZip(const std::string& path);

// One pass over the entries of the zip at `path`, in stored order. For each entry `want` decides whether
// `on_entry` sees it; `on_entry` may read any part of the data; the rest is read (and so checked) after
// it returns. Entries `want` rejects are skipped unread unless `check_unwanted` is set. A non-OK status stops the pass
// and is returned.
struct ZipPass {
  std::function<bool(const ZipEntry&)> want;  // null: every entry
  std::function<Status(const ZipEntry&, ByteSource& data)> on_entry;
  bool check_unwanted = false;  // also read (and check) the data of entries `want` rejects
};
Status ReadZip(const std::string& path, const ZipLimits& limits, const ZipPass& pass);

}  // namespace kbulk::formats
