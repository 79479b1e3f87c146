// Ctrl-C and SIGTERM for the long commands (export, import). The first signal sets a flag: the client
// refuses new requests (kCancelled), requests in flight finish, the pipelines stop on the error, remove
// their temporary files and flush what they keep (the import's journal), and the command exits 130 with
// a hint how to resume. If that takes longer than the grace period (10 s), or a second signal arrives,
// every registered temporary file (formats/temp_files.h) is removed, the hint printed and the process
// exits 130 at once.
//
//   Interrupt interrupt("export", log);                     // before any thread is started
//   auto client = interrupt.Wrap(std::move(*created_client));
//   ... if (interrupt.interrupted()) return interrupt.Interrupted();
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "api/management_client.h"
#include "core/log.h"

namespace kbulk::cli {

class Interrupt {
 public:
  // Blocks SIGINT and SIGTERM in the calling thread (threads started later inherit the mask) and starts
  // the thread that waits for them. Create it before any other thread exists.
  Interrupt(std::string command, Logger& log, std::chrono::milliseconds grace = std::chrono::seconds(10));
  ~Interrupt();
  Interrupt(const Interrupt&) = delete;
  Interrupt& operator=(const Interrupt&) = delete;

  const std::atomic<bool>& flag() const { return interrupted_; }
  bool interrupted() const { return interrupted_.load(); }
  // Printed when the command ends interrupted (e.g. the exact `--resume` command line).
  void SetResumeHint(std::string hint);
  // A client whose new requests fail with kCancelled once interrupted; requests in flight are unaffected.
  std::unique_ptr<api::ManagementClient> Wrap(std::unique_ptr<api::ManagementClient> client) const;
  // The orderly end: removes registered temporary files, prints the hint and returns 130, the command's
  // exit code (cli::SetRun).
  int Interrupted();

 private:
  void Wait();
  [[noreturn]] void Abort(std::string_view why);
  std::string Hint();

  std::string command_;
  Logger& log_;
  std::chrono::milliseconds grace_;
  std::atomic<bool> interrupted_{false};
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::string hint_;
  std::thread thread_;
};

// This process's command line as a shell would take it back (arguments quoted where needed), with
// `drop` removed and `add` appended when absent: the resume command after an interruption.
std::string CommandLineWith(const std::string& add, const std::string& drop);

}  // namespace kbulk::cli
