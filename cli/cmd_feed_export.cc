// `kbulk feed export --type CODENAME`: one content type's variants as CSV / JSON / NDJSON (docs/feeds.md),
// offline from an archive (--from) or live: the exporter writes the model, asset metadata and items, then the
// type's variants, into two owner-only temporary archives, and the feed is read from them, so both ways give
// the same bytes.
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>
#include <utility>

#include "api/management_client.h"
#include "cli/command.h"
#include "cli/connection.h"
#include "cli/exit_codes.h"
#include "cli/feed_commands.h"
#include "cli/render_log.h"
#include "cli/render_progress.h"
#include "core/json.h"
#include "exporter/exporter.h"
#include "feeds/feed_export.h"

namespace kbulk::cli {
namespace {

// The command line of `kbulk feed export`, owned by its callback.
struct FeedExportFlags {
  CommonOptions common;
  ConnectionOptions connection;
  feeds::FeedExportOptions options;
  std::string format = "csv";
  std::string output = "-";
  std::string from;
  std::string columns;
};

// An owner-only temporary directory, removed with everything in it.
class TempDir {
 public:
  TempDir() = default;
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
  }
  Status Make() {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = std::string(base != nullptr && *base != '\0' ? base : "/tmp") + "/kbulk-feed.XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) {
      return IoError("cannot create a temporary directory: " + std::string(std::strerror(errno)));
    }
    path_ = pattern;
    return Status::Ok();
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// The feed file: written to "<path>.tmp.XXXXXX" (mode 0600) and renamed onto the path when complete.
class FeedFile {
 public:
  ~FeedFile() {
    if (file_ != nullptr && file_ != stdout) std::fclose(file_);
    if (!temp_.empty()) ::unlink(temp_.c_str());
  }
  Status Open(const std::string& path) {
    path_ = path;
    if (path == "-") {
      file_ = stdout;
      return Status::Ok();
    }
    std::string temp = path + ".tmp.XXXXXX";
    int fd = ::mkstemp(temp.data());
    if (fd < 0) return IoError("cannot create " + temp + ": " + std::strerror(errno));
    temp_ = temp;
    file_ = ::fdopen(fd, "wb");
    if (file_ == nullptr) {
      ::close(fd);
      return IoError("cannot open " + temp + ": " + std::strerror(errno));
    }
    return Status::Ok();
  }
  Status Commit() {
    if (file_ == stdout) return std::fflush(stdout) == 0 ? Status::Ok() : IoError("standard output: write failed");
    bool ok = std::fflush(file_) == 0 && ::fsync(::fileno(file_)) == 0;
    ok = std::fclose(file_) == 0 && ok;
    file_ = nullptr;
    if (!ok) return IoError(path_ + ": write failed: " + std::strerror(errno));
    if (std::rename(temp_.c_str(), path_.c_str()) != 0) {
      return IoError("cannot rename onto " + path_ + ": " + std::strerror(errno));
    }
    temp_.clear();
    return Status::Ok();
  }
  std::FILE* get() const { return file_; }
  std::string name() const { return path_ == "-" ? "standard output" : path_; }

 private:
  std::string path_, temp_;
  std::FILE* file_ = nullptr;
};

// Live: the model, asset metadata and every item (for the names references are written by), then the
// type's variants, exported into `dir`.
Result<std::vector<std::string>> ExportLive(const FeedExportFlags& flags, const std::string& dir, Logger& log,
                                            Progress& progress) {
  const feeds::FeedExportOptions& options = flags.options;
  KBULK_ASSIGN_OR_RETURN(api::ClientOptions client_options, BuildClientOptions(flags.connection, &log));
  KBULK_ASSIGN_OR_RETURN(auto client, api::ManagementClient::Create(client_options));
  exporter::ExportOptions names;
  names.output = dir + "/names.tar";
  names.compression.compression = formats::Compression::kNone;
  names.binaries = false;
  names.exclude = {EntityKind::kVariant,
                   EntityKind::kRole,
                   EntityKind::kWebhook,
                   EntityKind::kLegacyWebhook,
                   EntityKind::kPreviewConfiguration,
                   EntityKind::kWebSpotlight};
  exporter::ExportOptions variants;
  variants.output = dir + "/variants.tar";
  variants.compression.compression = formats::Compression::kNone;
  variants.binaries = false;
  variants.include = {EntityKind::kVariant};
  variants.types = {options.type};
  variants.languages = options.languages;
  variants.latest_only = !options.published;
  for (const exporter::ExportOptions* run : {&names, &variants}) {
    KBULK_ASSIGN_OR_RETURN(exporter::ExportSummary summary, exporter::ExportEnvironment(*client, *run, log, progress));
    if (!summary.failures.empty()) {
      const auto& failure = summary.failures.front();
      return Status(StatusCode::kUnavailable,
                    "reading " + failure.kind + " " + failure.object + " failed: " + failure.reason);
    }
  }
  return std::vector<std::string>{names.output, variants.output};
}

int Run(FeedExportFlags& flags) {
  const CommonOptions& common = flags.common;
  feeds::FeedExportOptions& options = flags.options;
  const std::string& output = flags.output;
  const std::string& from = flags.from;
  StderrLogger log(common);
  auto fail = [&](const Status& status, int code) {
    log.Error("feed export: " + status.message());
    return code;
  };
  auto parsed_format = feeds::ParseOutputFormat(flags.format);
  if (!parsed_format.ok()) return fail(parsed_format.status(), kExitUsage);
  options.writer.format = *parsed_format;
  if ((options.writer.bom || options.writer.crlf) && options.writer.format != feeds::OutputFormat::kCsv) {
    return fail(InvalidArgument("--bom and --crlf apply to CSV only"), kExitUsage);
  }
  options.columns.clear();
  if (!flags.columns.empty()) {
    std::stringstream list(flags.columns);
    for (std::string name; std::getline(list, name, ',');) {
      if (!name.empty()) options.columns.push_back(name);
    }
  }

  StderrProgress progress(common);
  TempDir temp;
  std::vector<std::string> archives{from};
  if (from.empty()) {
    if (Status made = temp.Make(); !made.ok()) return fail(made, kExitFatal);
    auto live = ExportLive(flags, temp.path(), log, progress);
    if (!live.ok()) return fail(live.status(), ExitCodeFor(live.status()));
    archives = std::move(*live);
  }
  FeedFile out;
  if (Status opened = out.Open(output); !opened.ok()) return fail(opened, kExitFatal);
  auto summary = feeds::ExportFeedFromArchives(archives, options, out.get(), out.name(), progress);
  if (!summary.ok()) return fail(summary.status(), ExitCodeFor(summary.status()));
  if (Status committed = out.Commit(); !committed.ok()) return fail(committed, kExitFatal);

  if (common.json) {
    JsonWriter json;
    json.StartObject().Key("type").String(summary->type).Key("format").String(summary->format);
    json.Key("source").String(from.empty() ? "api" : "archive").Key("output").String(output);
    json.Key("columns").Uint(summary->columns).Key("rows").Uint(summary->rows).Key("bytes").Uint(summary->bytes);
    json.Key("versions").String(options.published ? "published" : "latest");
    if (options.published) json.Key("unpublished_skipped").Uint(summary->skipped_unpublished);
    json.EndObject();
    (output == "-" ? std::cerr : std::cout) << json.view() << "\n";
  } else if (!common.quiet) {
    log.Info("feed export: " + std::to_string(summary->rows) + " rows of " + summary->type + " (" +
             std::to_string(summary->columns) + " columns, " + summary->format + ") to " + out.name() +
             (options.published ? ", " + std::to_string(summary->skipped_unpublished) + " unpublished variants left out"
                                : std::string()));
  }
  return kExitOk;
}

}  // namespace

void SetupFeedExport(CLI::App& feed) {
  CLI::App* app = feed.add_subcommand("export", "Write a content type's items as a CSV, JSON or NDJSON feed");
  auto flags = std::make_shared<FeedExportFlags>();
  CommonOptions& common = flags->common;
  ConnectionOptions& connection = flags->connection;
  feeds::FeedExportOptions& options = flags->options;
  std::string& format = flags->format;
  std::string& output = flags->output;
  std::string& from = flags->from;
  std::string& columns = flags->columns;
  AddCommonOptions(*app, common);
  AddConnectionOptions(*app, connection);
  app->add_option("--type", options.type, "Content type (codename) whose items become the rows")->required();
  app->add_option("--language", options.languages, "Only variants in this language (codename; repeatable)")
      ->delimiter(',');
  app->add_option("--format", format, "csv (default), json or ndjson")->check(CLI::IsMember({"csv", "json", "ndjson"}));
  app->add_option("-o,--output", output, "Feed file to write ('-' = standard output, the default)");
  app->add_option("--from", from, "Read an archive instead of the API ('-' = standard input)");
  app->add_option("--columns", columns, "Only these columns, in this order (comma-separated names)");
  app->add_flag("--bom", options.writer.bom, "CSV: start with a UTF-8 byte order mark (for spreadsheet programs)");
  app->add_flag("--crlf", options.writer.crlf, "CSV: end records with CRLF instead of LF");
  app->add_flag("--published", options.published,
                "The published versions instead of the latest (unpublished variants are left out)");
  SetRun(*app, [flags] { return Run(*flags); });
}

}  // namespace kbulk::cli
