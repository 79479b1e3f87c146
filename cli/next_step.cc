// Advice for the failures a newcomer meets first (issue #15 "Errors that say what to do").
#include "cli/next_step.h"

namespace kbulk::cli {
namespace {

bool Contains(const std::string& text, std::string_view needle) {
  return text.find(needle) != std::string::npos;
}

}  // namespace

std::string NextStep(const Status& status) {
  const std::string& message = status.message();
  switch (status.code()) {
    case StatusCode::kUnauthenticated:
      return "the API key was refused: put a Management API key of this environment's project in "
             "KONTENT_API_KEY or in the file --api-key-file names (Kontent.ai: Project settings > API keys)";
    case StatusCode::kPermissionDenied:
      return "check the environment id (--environment-id or KONTENT_ENVIRONMENT_ID; Kontent.ai shows it under "
             "Environment settings > General) and that the API key belongs to that environment's project";
    case StatusCode::kNotFound:
      if (Contains(message, "(environment): HTTP 404")) {
        return "no such environment: check the environment id (--environment-id or KONTENT_ENVIRONMENT_ID; "
               "Kontent.ai shows it under Environment settings > General)";
      }
      return {};
    case StatusCode::kUnavailable:
      if (Contains(message, "TLS: ")) {
        return "the TLS connection failed: check the scheme and host of --base-url or KONTENT_MANAGEMENT_URL "
               "(an emulator speaks http://), the system clock, and for a private CA pass --ca-file";
      }
      if (Contains(message, "no response")) {
        return "nothing answered: check the host and port of --base-url or KONTENT_MANAGEMENT_URL (default "
               "https://manage.kontent.ai/v2), the network and any proxy (HTTPS_PROXY)";
      }
      return "the service kept failing after every retry: run the same command again later";
    case StatusCode::kRateLimited:
      return "the service kept answering 429 Too Many Requests: lower --rate-limit or --max-in-flight, or run "
             "again when other clients of this environment are idle";
    case StatusCode::kIo:
      if (Contains(message, "No space left on device") || Contains(message, "File too large") ||
          Contains(message, "Disk quota exceeded")) {
        return "the disk is full or a file-size limit was reached: free space, or write to another file system "
               "(the output file, or --staging-dir / --temp-dir for temporary files)";
      }
      return {};
    case StatusCode::kUnsupported:
      if (Contains(message, "format version")) {
        return "the archive was written by a newer kbulk: install a newer kbulk to read it (kbulk --version "
               "shows this one)";
      }
      return {};
    default: return {};
  }
}

void ReportFailure(StderrLogger& log, std::string_view command, const Status& status) {
  log.Error(std::string(command) + ": " + status.message());
  if (std::string advice = NextStep(status); !advice.empty()) log.Hint(advice);
}

}  // namespace kbulk::cli
