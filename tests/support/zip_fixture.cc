// Reading the data-ops zip fixtures with libarchive.
#include "tests/support/zip_fixture.h"

#include <archive.h>
#include <archive_entry.h>

#include <memory>
#include <stdexcept>

#include "core/json.h"

namespace kbulk::testing {

std::map<std::string, std::string> ReadZip(const std::string& path) {
  std::unique_ptr<struct archive, decltype(&archive_read_free)> a(archive_read_new(), archive_read_free);
  archive_read_support_format_zip(a.get());
  if (archive_read_open_filename(a.get(), path.c_str(), 1 << 16) != ARCHIVE_OK)
    throw std::runtime_error("cannot open the zip fixture " + path + ": " + archive_error_string(a.get()));
  std::map<std::string, std::string> files;
  struct archive_entry* e = nullptr;
  int r = ARCHIVE_OK;
  while ((r = archive_read_next_header(a.get(), &e)) == ARCHIVE_OK) {
    std::string data, chunk(1 << 16, '\0');
    la_ssize_t n;
    while ((n = archive_read_data(a.get(), chunk.data(), chunk.size())) > 0)
      data.append(chunk.data(), static_cast<size_t>(n));
    if (n < 0) throw std::runtime_error(path + ": cannot read entry " + archive_entry_pathname(e));
    files[archive_entry_pathname(e)] = std::move(data);
  }
  if (r != ARCHIVE_EOF) throw std::runtime_error(path + ": " + archive_error_string(a.get()));
  return files;
}

std::vector<std::string> JsonObjects(const std::map<std::string, std::string>& files, const std::string& name) {
  std::vector<std::string> out;
  auto it = files.find(name);
  if (it == files.end()) return out;
  auto doc = ParseJson(it->second);
  if (!doc.ok()) throw std::runtime_error(name + ": " + doc.status().ToString());
  if (doc->IsArray()) {
    for (const JsonValue& v : doc->GetArray()) out.push_back(ToJsonString(v));
  } else {
    out.push_back(ToJsonString(*doc));
  }
  return out;
}

}  // namespace kbulk::testing
