// `kbulk verify FILE|-`: offline integrity and reference-closure check of a kbulk archive.
// Exit 0 intact, 1 intact with dangling references, 5 damaged or unsafe, 4 when it cannot be read.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "cli/command.h"
#include "cli/exit_codes.h"
#include "cli/next_step.h"
#include "cli/printable.h"
#include "cli/reader_limit_flags.h"
#include "content/reference_closure.h"
#include "core/json.h"
#include "formats/archive_verifier.h"
#include "formats/dataops_reader.h"
#include "formats/dataops_verifier.h"

namespace kbulk::cli {
namespace {

struct VerifyCommand {
  CommonOptions options;
  std::string path;
  std::size_t max_listed = 50;
  formats::ReaderLimits limits;
};

int ExitFor(const Status& s) {
  return s.code() == StatusCode::kIo || s.code() == StatusCode::kNotFound ? kExitFatal : kExitCorrupt;
}

void PrintJson(const VerifyCommand& c, const formats::VerifyReport& report) {
  JsonWriter w;
  w.StartObject();
  w.Key("archive").String(c.path);
  w.Key("result").String(!report.intact() ? "damaged" : report.dangling_count > 0 ? "dangling" : "intact");
  if (!report.intact()) {
    w.Key("error").String(report.integrity.message());
    w.Key("error_code").String(StatusCodeName(report.integrity.code()));
  } else {
    w.Key("format_version").String(report.summary.manifest.format_version);
    w.Key("entries").Uint(report.summary.index.entries.size() + 1);
    w.Key("totals").StartObject();
    for (const auto& [kind, total] : report.summary.index.totals) {
      w.Key(kind).StartObject().Key("records").Uint(total.records).Key("bytes").Uint(total.bytes).EndObject();
    }
    w.EndObject();
  }
  w.Key("dangling_count").Uint(report.dangling_count);
  w.Key("dangling").StartArray();
  for (const auto& d : report.dangling) {
    w.StartObject();
    w.Key("owner_kind").String(d.owner_kind).Key("owner").String(d.owner);
    if (!d.language.empty()) w.Key("language").String(d.language).Key("version").String(d.version);
    w.Key("element").String(d.element).Key("target_kind").String(d.target_kind).Key("target").String(d.target);
    w.EndObject();
  }
  w.EndArray();
  w.Key("warnings").StartArray();
  for (const auto& warning : report.warnings) w.String(warning);
  w.EndArray();
  w.EndObject();
  std::cout << w.view() << "\n";
}

int Run(const VerifyCommand& c) {
  formats::VerifyOptions verify;
  verify.max_dangling_kept = c.max_listed;
  verify.limits = c.limits;
  // The content reference model checks every reference: record fields, element values, rich text, components.
  // A data-ops backup zip: the checks a zip allows, with the same reference closure (formats/dataops_verifier.h).
  const bool zip = formats::IsDataOpsBackup(c.path);
  content::ReferenceClosure closure(c.max_listed);
  if (zip) verify.closure = &closure;
  formats::VerifyReport report =
      zip ? formats::VerifyDataOpsBackup(c.path, verify) : content::VerifyArchive(c.path, verify);
  if (!c.options.quiet) {
    for (const auto& warning : report.warnings) std::cerr << "kbulk verify: warning: " << Printable(warning) << "\n";
  }
  if (c.options.json) {
    PrintJson(c, report);
  } else if (!report.intact()) {
    // A newer format version is not damage: this kbulk cannot read it (exit 5 all the same, as documented).
    bool unreadable = ExitFor(report.integrity) == kExitFatal || report.integrity.code() == StatusCode::kUnsupported;
    std::cerr << "kbulk verify: " << c.path << (unreadable ? ": cannot read: " : ": DAMAGED: ")
              << Printable(report.integrity.message()) << "\n";
    if (std::string advice = NextStep(report.integrity); !advice.empty())
      std::cerr << "kbulk: hint: " << advice << "\n";
  } else if (!c.options.quiet) {
    std::uint64_t records = 0;
    for (const auto& [kind, total] : report.summary.index.totals) records += kind == "blobs" ? 0 : total.records;
    // A kbulk archive's index is an entry of its own; a data-ops zip has none.
    std::cout << c.path << ": intact: " << report.summary.index.entries.size() + (zip ? 0 : 1) << " entries, "
              << records
              << (zip ? " records, every entry reads back intact and every asset has its binary\n"
                      : " records, every checksum and count matches the trailer\n");
    for (const auto& d : report.dangling) std::cout << "dangling: " << Printable(d.ToString()) << "\n";
    if (report.dangling_count > report.dangling.size()) {
      std::cout << "dangling: ... and " << report.dangling_count - report.dangling.size() << " more\n";
    }
    if (report.dangling_count > 0) std::cout << report.dangling_count << " dangling references\n";
  }
  if (!report.intact()) return ExitFor(report.integrity);
  return report.dangling_count > 0 ? kExitNegative : kExitOk;
}

void Setup(CLI::App& app) {
  auto c = std::make_shared<VerifyCommand>();
  AddCommonOptions(app, c->options);
  app.add_option("FILE", c->path, "Archive to check ('-' reads standard input)")->required();
  app.add_option("--max-listed", c->max_listed, "Dangling references listed (the count is always complete)");
  AddReaderLimitFlags(app, c->limits);
  app.footer(
      "Checks structure, manifest, every entry's SHA-256 and record count against the trailer index, and that\n"
      "every item, asset, type, element, option, taxonomy term, language and workflow step referenced by content\n"
      "is in the archive. Offline. Exit codes: 0 intact, 1 intact with dangling references, 5 damaged or\n"
      "unsafe, 4 unreadable (I/O).");
  SetRun(app, [c] { return Run(*c); });
}

const Registration registration({"verify", "Check an archive's integrity and reference closure, offline", 30, Setup});

}  // namespace
}  // namespace kbulk::cli
