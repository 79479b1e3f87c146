// The import journal: an owner-only NDJSON file appended one fsynced line at a time.
#include "importer/journal.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/json.h"
#include "core/sha256.h"

namespace kbulk::importer {
namespace {

constexpr std::uint64_t kMaxJournalSize = 16ull << 20;
constexpr int kMaxJournalDepth = 4;

std::string ErrnoText() {
  return std::strerror(errno);
}

Result<std::string> ReadWhole(const std::string& path, bool& exists) {
  exists = false;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return std::string();
    return IoError("cannot open the journal '" + path + "': " + ErrnoText());
  }
  exists = true;
  std::string text;
  char buffer[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      std::string error = ErrnoText();
      ::close(fd);
      return IoError("reading the journal '" + path + "': " + error);
    }
    if (n == 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
    if (text.size() > kMaxJournalSize) {
      ::close(fd);
      return Corrupt("the journal '" + path + "' is larger than 16 MiB: not a kbulk journal (--restart starts over)");
    }
  }
  ::close(fd);
  return text;
}

std::string Describe(const JournalTarget& t) {
  return "environment " + t.environment_id + " at " + t.base_url;
}

}  // namespace

std::string ImportJournal::DefaultPath(const std::string& archive) {
  if (archive.empty() || archive == "-") return "";
  return archive + ".kbulk-journal";
}

Result<std::unique_ptr<ImportJournal>> ImportJournal::Open(const std::string& path, Mode mode,
                                                           const JournalTarget& target) {
  std::unique_ptr<ImportJournal> journal(new ImportJournal(path, target));
  bool exists = false;
  KBULK_ASSIGN_OR_RETURN(std::string text, ReadWhole(path, exists));
  if (exists && mode == Mode::kNew) {
    return Status(StatusCode::kAlreadyExists,
                  "the journal '" + path +
                      "' of an earlier, unfinished import exists: add --resume to continue that import, or "
                      "--restart to start over (the journal is then replaced)");
  }
  if (exists && mode == Mode::kRestart) {
    if (::unlink(path.c_str()) != 0) return IoError("cannot remove the journal '" + path + "': " + ErrnoText());
    text.clear();
  }
  if (exists && mode == Mode::kResume) KBULK_RETURN_IF_ERROR(journal->Parse(text));
  if (journal->has_header_) KBULK_RETURN_IF_ERROR(journal->OpenForAppend());
  return journal;  // a new journal's file is created with its header (BindArchive)
}

Status ImportJournal::OpenForAppend() {
  if (fd_ >= 0) return Status::Ok();
  fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd_ < 0) return IoError("cannot create the journal '" + path_ + "': " + ErrnoText());
  if (::fchmod(fd_, 0600) != 0) return IoError("cannot make the journal '" + path_ + "' owner-only");
  return Status::Ok();
}

ImportJournal::~ImportJournal() {
  if (fd_ >= 0) ::close(fd_);
}

Status ImportJournal::Parse(std::string_view text) {
  std::size_t line_number = 0;
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    if (end == std::string_view::npos) break;  // a torn last line: the write in flight when the run died
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end + 1);
    ++line_number;
    if (line.empty()) continue;
    auto parsed = ParseJson(line, kMaxJournalDepth);
    if (!parsed.ok() || !parsed->IsObject()) {
      return Corrupt("the journal '" + path_ + "' is damaged at line " + std::to_string(line_number) +
                     " (--restart starts over)");
    }
    const JsonValue& object = *parsed;
    if (line_number == 1) {
      if (IntMember(object, "kbulk_journal").value_or(0) != 1) {
        return Corrupt("'" + path_ + "' is not a kbulk import journal (--journal FILE names another one)");
      }
      const JsonValue* archive = Member(object, "archive");
      const JsonValue* target = Member(object, "target");
      if (archive == nullptr || target == nullptr) return Corrupt("the journal '" + path_ + "' has no header");
      archive_sha256_ = std::string(StringMember(*archive, "manifest_sha256").value_or(""));
      archive_path_ = std::string(StringMember(*archive, "path").value_or(""));
      JournalTarget recorded{std::string(StringMember(*target, "environment_id").value_or("")),
                             std::string(StringMember(*target, "base_url").value_or(""))};
      if (recorded.environment_id != target_.environment_id || recorded.base_url != target_.base_url) {
        return Status(StatusCode::kConflict, "the journal '" + path_ + "' belongs to an import into " +
                                                 Describe(recorded) + ", not into " + Describe(target_) +
                                                 ": resume it against that target, or --restart to start over here");
      }
      has_header_ = true;
      continue;
    }
    if (auto step = StringMember(object, "step")) finished_.insert(std::string(*step));
  }
  resumed_ = has_header_;
  return Status::Ok();
}

Status ImportJournal::BindArchive(std::string_view manifest_json, const std::string& archive_path) {
  const std::string sha256 = Sha256::HexOf(manifest_json);
  if (has_header_) {
    if (sha256 != archive_sha256_) {
      return Status(
          StatusCode::kConflict,
          "the journal '" + path_ + "' belongs to another archive (" +
              (archive_path_.empty() ? std::string("manifest ") + archive_sha256_ : "'" + archive_path_ + "'") +
              "), not to '" + archive_path + "': resume with that archive, or --restart to start over");
    }
    return Status::Ok();
  }
  KBULK_RETURN_IF_ERROR(OpenForAppend());
  JsonWriter w;
  w.StartObject().Key("kbulk_journal").Int(1);
  w.Key("archive").StartObject().Key("manifest_sha256").String(sha256).Key("path").String(archive_path).EndObject();
  w.Key("target")
      .StartObject()
      .Key("environment_id")
      .String(target_.environment_id)
      .Key("base_url")
      .String(target_.base_url)
      .EndObject();
  w.EndObject();
  KBULK_RETURN_IF_ERROR(Append(w.view()));
  archive_sha256_ = sha256;
  archive_path_ = archive_path;
  has_header_ = true;
  return Status::Ok();
}

Status ImportJournal::Finished(std::string_view step) {
  if (!has_header_) return Status::Ok();  // a source without a manifest: nothing to resume against
  if (!finished_.insert(std::string(step)).second) return Status::Ok();
  JsonWriter w;
  w.StartObject().Key("step").String(step).EndObject();
  return Append(w.view());
}

Status ImportJournal::Append(std::string_view line) {
  std::string text(line);
  text += '\n';
  std::string_view rest = text;  // one write: a kill leaves the line whole or torn at the end, never mixed
  while (!rest.empty()) {
    ssize_t n = ::write(fd_, rest.data(), rest.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return IoError("writing the journal '" + path_ + "': " + ErrnoText());
    rest.remove_prefix(static_cast<std::size_t>(n));
  }
  if (::fdatasync(fd_) != 0 && errno != EINVAL) return IoError("syncing the journal '" + path_ + "': " + ErrnoText());
  return Status::Ok();
}

Status ImportJournal::Complete() {
  if (fd_ < 0 && !has_header_) return Status::Ok();  // never written (a source without a manifest)
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  if (::unlink(path_.c_str()) != 0 && errno != ENOENT) {
    return IoError("cannot remove the finished journal '" + path_ + "': " + ErrnoText());
  }
  return Status::Ok();
}

}  // namespace kbulk::importer
