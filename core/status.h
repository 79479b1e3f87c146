// Errors as values. A Status is cheap when OK and carries a code and a message naming the object
// otherwise; Result<T> is a T or a Status. Nothing in kbulk throws across a module boundary.
#pragma once

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace kbulk {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,   // bad input from the user or a file (CSV cell, archive record, flag)
  kNotFound,          // the named object does not exist
  kAlreadyExists,     // a create collided with an existing object
  kConflict,          // the object is in a state that forbids the operation
  kUnauthenticated,   // 401: missing or wrong API key
  kPermissionDenied,  // 403
  kRateLimited,       // 429 after every retry
  kUnavailable,       // 5xx, connection reset, timeout after every retry
  kCorrupt,           // an archive or a response is damaged
  kIo,                // local file system
  kCancelled,         // the user interrupted the run
  kUnsupported,       // a newer format, an unknown mode
  kInternal,          // a bug in kbulk
};

std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return {}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // "not_found: item 'about_us' ..." - for logs and the CLI.
  std::string ToString() const;

  // Returns a copy whose message is prefixed with `context: `, e.g. the archive entry or the route.
  Status WithContext(std::string_view context) const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status InvalidArgument(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
inline Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
inline Status Corrupt(std::string m) { return {StatusCode::kCorrupt, std::move(m)}; }
inline Status IoError(std::string m) { return {StatusCode::kIo, std::move(m)}; }
inline Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }
inline Status Unsupported(std::string m) { return {StatusCode::kUnsupported, std::move(m)}; }

// A value or the Status that explains why there is none.
// REQUIRES: constructing from a Status only with a non-OK status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(Status status) : data_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    assert(!std::get<Status>(data_).ok());
  }

  bool ok() const { return std::holds_alternative<T>(data_); }
  explicit operator bool() const { return ok(); }

  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(data_);
  }
  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace kbulk

#define KBULK_CONCAT_INNER(a, b) a##b
#define KBULK_CONCAT(a, b) KBULK_CONCAT_INNER(a, b)

// Returns the Status from the enclosing function when `expr` is not OK.
#define KBULK_RETURN_IF_ERROR(expr)            \
  do {                                         \
    ::kbulk::Status kbulk_status_ = (expr);    \
    if (!kbulk_status_.ok()) return kbulk_status_; \
  } while (0)

// KBULK_ASSIGN_OR_RETURN(auto x, ComputeX()); declares x from a Result or returns its Status.
#define KBULK_ASSIGN_OR_RETURN(lhs, expr) \
  KBULK_ASSIGN_OR_RETURN_IMPL(KBULK_CONCAT(kbulk_result_, __LINE__), lhs, expr)
#define KBULK_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                \
  if (!tmp.ok()) return tmp.status();               \
  lhs = std::move(tmp).value()
