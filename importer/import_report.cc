// ImportReport: collectors, JSON summary and the NDJSON failure report.
#include "importer/import_report.h"

#include <fcntl.h>
#include <unistd.h>

#include <sys/stat.h>
#include <cerrno>
#include <cstring>

#include "core/json.h"

namespace kbulk::importer {

std::string_view PlanActionName(PlanAction action) {
  switch (action) {
    case PlanAction::kCreate: return "create";
    case PlanAction::kUpdate: return "update";
    case PlanAction::kUnchanged: return "unchanged";
    case PlanAction::kConflict: return "conflict";
    case PlanAction::kSkip: return "skip";
  }
  return "unknown";
}

void ImportReport::Plan(PlanEntry entry) {
  std::lock_guard lock(mutex_);
  ++plan_counts_[entry.kind][std::string(PlanActionName(entry.action))];
  if (entry.action == PlanAction::kConflict) {
    conflicts_.push_back(std::move(entry));
  } else if (entry.action != PlanAction::kUnchanged && entries_.size() < keep_) {
    entries_.push_back(std::move(entry));
  }
}

namespace {

void WriteFailure(JsonWriter& w, const ImportFailure& f);

Status WriteAll(int fd, std::string_view text, const std::string& what) {
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return IoError("cannot write " + what + ": " + std::strerror(errno));
    done += static_cast<std::size_t>(n);
  }
  return Status::Ok();
}

}  // namespace

ImportReport::~ImportReport() {
  if (failure_fd_ >= 0) ::close(failure_fd_);
}

Status ImportReport::StreamFailuresTo(const std::string& path) {
  std::lock_guard lock(mutex_);
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return IoError("cannot write the report '" + path + "': " + std::strerror(errno));
  ::fchmod(fd, 0600);  // an existing file keeps its mode on open: make it owner-only too
  if (failure_fd_ >= 0) ::close(failure_fd_);
  failure_fd_ = fd;
  for (const auto& f : failures_) {
    JsonWriter w;
    WriteFailure(w, f);
    KBULK_RETURN_IF_ERROR(WriteAll(fd, std::string(w.view()) + "\n", "the report '" + path + "'"));
  }
  return Status::Ok();
}

Status ImportReport::failure_log_status() const {
  std::lock_guard lock(mutex_);
  return failure_log_status_;
}

void ImportReport::Fail(ImportFailure failure) {
  std::lock_guard lock(mutex_);
  if (failure_fd_ >= 0 && failure_log_status_.ok()) {
    JsonWriter w;
    WriteFailure(w, failure);
    failure_log_status_ = WriteAll(failure_fd_, std::string(w.view()) + "\n", "the failure report");
  }
  ++failure_count_;
  if (failures_.size() < keep_) failures_.push_back(std::move(failure));
}

void ImportReport::Note(ImportNote note) {
  std::lock_guard lock(mutex_);
  ++note_count_;
  if (notes_.size() < keep_) notes_.push_back(std::move(note));
}

void ImportReport::AddPlannedRequests(std::string_view phase, std::uint64_t n) {
  std::lock_guard lock(mutex_);
  planned_requests_[std::string(phase)] += n;
}

void ImportReport::CountWrite(std::string_view kind, std::uint64_t n) {
  std::lock_guard lock(mutex_);
  writes_[std::string(kind)] += n;
}

std::map<std::string, std::map<std::string, std::uint64_t>> ImportReport::plan_counts() const {
  std::lock_guard lock(mutex_);
  return plan_counts_;
}
std::vector<PlanEntry> ImportReport::conflicts() const {
  std::lock_guard lock(mutex_);
  return conflicts_;
}
std::vector<PlanEntry> ImportReport::plan_entries() const {
  std::lock_guard lock(mutex_);
  return entries_;
}
std::uint64_t ImportReport::failure_count() const {
  std::lock_guard lock(mutex_);
  return failure_count_;
}
std::vector<ImportFailure> ImportReport::failures() const {
  std::lock_guard lock(mutex_);
  return failures_;
}
std::vector<ImportNote> ImportReport::notes() const {
  std::lock_guard lock(mutex_);
  return notes_;
}
std::uint64_t ImportReport::note_count() const {
  std::lock_guard lock(mutex_);
  return note_count_;
}
std::map<std::string, std::uint64_t> ImportReport::planned_requests() const {
  std::lock_guard lock(mutex_);
  return planned_requests_;
}
std::uint64_t ImportReport::planned_request_total() const {
  std::lock_guard lock(mutex_);
  std::uint64_t total = 0;
  for (const auto& [phase, n] : planned_requests_) total += n;
  return total;
}
std::map<std::string, std::uint64_t> ImportReport::writes() const {
  std::lock_guard lock(mutex_);
  return writes_;
}

namespace {

void WriteFailure(JsonWriter& w, const ImportFailure& f) {
  w.StartObject();
  w.Key("kind").String(f.kind).Key("source_id").String(f.source_id).Key("codename").String(f.codename);
  w.Key("error").String(f.error);
  w.EndObject();
}

void WriteEntry(JsonWriter& w, const PlanEntry& e) {
  w.StartObject();
  w.Key("kind").String(e.kind).Key("object").String(e.object).Key("action").String(PlanActionName(e.action));
  w.Key("detail").String(e.detail);
  w.EndObject();
}

}  // namespace

Status ImportReport::WriteFailures(const std::string& path) const {
  std::vector<ImportFailure> copy = failures();
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return IoError("cannot write the report '" + path + "': " + std::strerror(errno));
  std::string text;
  for (const auto& f : copy) {
    JsonWriter w;
    WriteFailure(w, f);
    text += w.str();
    text += '\n';
  }
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int err = errno;
      ::close(fd);
      return IoError("cannot write the report '" + path + "': " + std::strerror(err));
    }
    done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) return IoError("cannot write the report '" + path + "': " + std::strerror(errno));
  return Status::Ok();
}

std::string ImportReport::ToJson() const {
  std::lock_guard lock(mutex_);
  JsonWriter w;
  w.StartObject();
  w.Key("plan").StartObject();
  for (const auto& [kind, actions] : plan_counts_) {
    w.Key(kind).StartObject();
    for (const auto& [action, n] : actions) w.Key(action).Uint(n);
    w.EndObject();
  }
  w.EndObject();
  w.Key("changes").StartArray();  // the first entries that are not "unchanged" (creates, updates, skips)
  for (const auto& e : entries_) WriteEntry(w, e);
  w.EndArray();
  w.Key("conflicts").StartArray();
  for (const auto& e : conflicts_) WriteEntry(w, e);
  w.EndArray();
  w.Key("failure_count").Uint(failure_count_);
  w.Key("failures").StartArray();
  for (const auto& f : failures_) WriteFailure(w, f);
  w.EndArray();
  w.Key("note_count").Uint(note_count_);
  w.Key("notes").StartArray();
  for (const auto& n : notes_) {
    w.StartObject().Key("kind").String(n.kind).Key("object").String(n.object).Key("message").String(n.message);
    w.EndObject();
  }
  w.EndArray();
  w.Key("planned_requests").StartObject();
  for (const auto& [phase, n] : planned_requests_) w.Key(phase).Uint(n);
  w.EndObject();
  w.Key("writes").StartObject();
  for (const auto& [kind, n] : writes_) w.Key(kind).Uint(n);
  w.EndObject();
  w.EndObject();
  return w.str();
}

}  // namespace kbulk::importer
