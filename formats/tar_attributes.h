// The pax extended attributes kbulk puts on each entry (as SCHILY.xattr records) so a streaming reader
// can check an entry the moment it ends, before the trailer index arrives.
#pragma once

namespace kbulk::formats {

inline constexpr const char* kAttrSha256 = "user.kbulk.sha256";    // lowercase hex of the entry's bytes
inline constexpr const char* kAttrRecords = "user.kbulk.records";  // decimal record count

}  // namespace kbulk::formats
