#include "tests/dataops_import/damaged_zip.h"

#include <archive.h>
#include <archive_entry.h>

#include <fstream>
#include <memory>
#include <stdexcept>

#include "tests/support/kbulk_process.h"

namespace kbulk::testing {

void WriteZip(const std::map<std::string, std::string>& files, const std::string& path) {
  std::unique_ptr<struct archive, decltype(&archive_write_free)> a(archive_write_new(), archive_write_free);
  archive_write_set_format_zip(a.get());
  if (archive_write_open_filename(a.get(), path.c_str()) != ARCHIVE_OK)
    throw std::runtime_error("cannot write " + path + ": " + archive_error_string(a.get()));
  for (const auto& [name, data] : files) {
    std::unique_ptr<struct archive_entry, decltype(&archive_entry_free)> e(archive_entry_new(), archive_entry_free);
    archive_entry_set_pathname(e.get(), name.c_str());
    archive_entry_set_filetype(e.get(), AE_IFREG);
    archive_entry_set_perm(e.get(), 0644);
    archive_entry_set_size(e.get(), static_cast<la_int64_t>(data.size()));
    if (archive_write_header(a.get(), e.get()) != ARCHIVE_OK ||
        archive_write_data(a.get(), data.data(), data.size()) != static_cast<la_ssize_t>(data.size()))
      throw std::runtime_error("cannot write entry " + name + ": " + archive_error_string(a.get()));
  }
  if (archive_write_close(a.get()) != ARCHIVE_OK) throw std::runtime_error("cannot finish " + path);
}

void WriteTruncated(const std::string& from, const std::string& to, std::size_t bytes) {
  std::string data = ReadFileBytes(from);
  if (bytes > data.size()) throw std::runtime_error("cannot cut " + from + " to more than its size");
  std::ofstream out(to, std::ios::binary | std::ios::trunc);
  out.write(data.data(), static_cast<std::streamsize>(bytes));
  if (!out) throw std::runtime_error("cannot write " + to);
}

}  // namespace kbulk::testing
