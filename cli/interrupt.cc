// The signal thread, the cancelling client wrapper and the resume command line.
#include "cli/interrupt.h"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <ctime>
#include <fstream>
#include <iterator>
#include <vector>

#include "cli/command.h"
#include "cli/exit_codes.h"
#include "formats/temp_files.h"

namespace kbulk::cli {
namespace {

sigset_t InterruptSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

Status Cancelled(std::string_view what) {
  return Status(StatusCode::kCancelled, "interrupted before " + std::string(what));
}

// Refuses every new request once the flag is set; everything else is the wrapped client's.
class CancellingClient final : public api::ManagementClient {
 public:
  CancellingClient(std::unique_ptr<api::ManagementClient> inner, const std::atomic<bool>& flag)
      : inner_(std::move(inner)), flag_(flag) {}

  using api::ManagementClient::UploadFile;

  Result<api::Response> Send(const api::Request& request) override {
    if (flag_.load()) return Cancelled(Describe(request));
    return inner_->Send(request);
  }
  void SendAsync(const api::Request& request, ResponseCallback done) override {
    if (flag_.load()) return done(Cancelled(Describe(request)));
    inner_->SendAsync(request, std::move(done));
  }
  Status ListAll(const api::Request& first, std::string_view array_key, const api::ObjectCallback& each) override {
    if (flag_.load()) return Cancelled(Describe(first));
    // The page in hand is handed out whole; the next page is not requested.
    bool stopped = false;
    Status status = inner_->ListAll(first, array_key, [&](std::string_view object) -> Status {
      if (flag_.load() && !stopped) stopped = true;
      if (stopped) return Cancelled("the next page of " + Describe(first));
      return each(object);
    });
    return status;
  }
  Result<api::DownloadResult> Download(const std::string& url, api::BinarySink& sink,
                                       std::optional<std::uint64_t> expected_size) override {
    if (flag_.load()) return Cancelled("downloading " + url);
    return inner_->Download(url, sink, expected_size);
  }
  Result<std::string> UploadFile(std::string_view file_name, std::string_view content_type, std::uint64_t size,
                                 const ReadFn& read, const std::function<Status()>& rewind) override {
    if (flag_.load()) return Cancelled("uploading '" + std::string(file_name) + "'");
    return inner_->UploadFile(file_name, content_type, size, read, rewind);
  }
  api::RequestStats Stats() const override { return inner_->Stats(); }
  const api::ClientOptions& options() const override { return inner_->options(); }

 private:
  static std::string Describe(const api::Request& request) {
    std::string text = std::string(api::MethodName(request.method)) + " " + request.route;
    if (!request.object.empty()) text += " (" + request.object + ")";
    return text;
  }

  std::unique_ptr<api::ManagementClient> inner_;
  const std::atomic<bool>& flag_;
};

std::string ShellQuote(const std::string& arg) {
  bool plain = !arg.empty();
  for (char c : arg) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) ||
          std::string_view("-_./=:,@%+").find(c) != std::string_view::npos))
      plain = false;
  }
  if (plain) return arg;
  std::string quoted = "'";
  for (char c : arg) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

}  // namespace

Interrupt::Interrupt(std::string command, Logger& log, std::chrono::milliseconds grace)
    : command_(std::move(command)), log_(log), grace_(grace) {
  sigset_t set = InterruptSignals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  thread_ = std::thread([this] { Wait(); });
}

Interrupt::~Interrupt() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

void Interrupt::SetResumeHint(std::string hint) {
  std::lock_guard lock(mutex_);
  hint_ = std::move(hint);
}

std::string Interrupt::Hint() {
  std::lock_guard lock(mutex_);
  return hint_;
}

std::unique_ptr<api::ManagementClient> Interrupt::Wrap(std::unique_ptr<api::ManagementClient> client) const {
  return std::make_unique<CancellingClient>(std::move(client), interrupted_);
}

int Interrupt::Interrupted() {
  formats::RemoveRegisteredTempPaths();
  log_.Error(command_ + ": interrupted; temporary files removed");
  if (std::string hint = Hint(); !hint.empty()) log_.Error(hint);
  return kExitInterrupted;
}

void Interrupt::Abort(std::string_view why) {
  formats::RemoveRegisteredTempPaths();
  log_.Error(command_ + ": " + std::string(why) + "; stopped at once, temporary files removed");
  if (std::string hint = Hint(); !hint.empty()) log_.Error(hint);
  ::_exit(kExitInterrupted);
}

void Interrupt::Wait() {
  const sigset_t set = InterruptSignals();
  std::chrono::steady_clock::time_point deadline{};
  while (!stopping_.load()) {
    timespec timeout{0, 100'000'000};  // 100 ms: how quickly the destructor is noticed
    int signal = ::sigtimedwait(&set, nullptr, &timeout);
    if (signal == SIGINT || signal == SIGTERM) {
      if (interrupted_.exchange(true)) Abort("interrupted twice");
      deadline = std::chrono::steady_clock::now() + grace_;
      log_.Warning(command_ + ": interrupted; finishing the requests in flight (press Ctrl-C again to stop at once)");
      continue;
    }
    if (interrupted_.load() && std::chrono::steady_clock::now() >= deadline) {
      Abort("the requests in flight did not finish within " + std::to_string(grace_.count() / 1000) + " s");
    }
  }
}

std::string CommandLineWith(const std::string& add, const std::string& drop) {
  std::ifstream in("/proc/self/cmdline", std::ios::binary);
  std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::string> args;
  std::string current;
  for (char c : raw) {
    if (c == '\0') {
      args.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) args.push_back(current);
  std::string line;
  bool has_add = false;
  for (const auto& arg : args) {
    if (!drop.empty() && arg == drop) continue;
    if (arg == add) has_add = true;
    if (!line.empty()) line += ' ';
    line += ShellQuote(arg);
  }
  if (!has_add && !add.empty()) line += " " + add;
  return line;
}

}  // namespace kbulk::cli
