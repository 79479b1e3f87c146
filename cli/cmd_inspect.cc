// `kbulk inspect FILE [--json]`: an archive's manifest, counts per kind, sizes and compression ratio.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "cli/exit_codes.h"
#include "cli/next_step.h"
#include "cli/printable.h"
#include "cli/reader_limit_flags.h"
#include "core/json.h"
#include "formats/archive_verifier.h"
#include "formats/dataops_reader.h"
#include "formats/dataops_verifier.h"

namespace kbulk::cli {
namespace {

struct InspectCommand {
  CommonOptions options;
  std::string path;
  formats::ReaderLimits limits;
};

double Ratio(const formats::ReadSummary& s) {
  return s.compressed_bytes == 0 ? 0.0 : static_cast<double>(s.tar_bytes) / static_cast<double>(s.compressed_bytes);
}

void PrintJson(const InspectCommand& c, const formats::ReadSummary& s) {
  JsonWriter w;
  w.StartObject();
  w.Key("archive").String(c.path);
  w.Key("manifest").Raw(s.manifest.raw);
  w.Key("compression").String(formats::CompressionName(s.compression));
  w.Key("entries").Uint(s.index.entries.size() + 1);
  w.Key("tar_bytes").Uint(s.tar_bytes);
  w.Key("compressed_bytes").Uint(s.compressed_bytes);
  w.Key("compression_ratio").Double(Ratio(s));
  w.Key("totals").StartObject();
  for (const auto& [kind, total] : s.index.totals) {
    w.Key(kind).StartObject().Key("records").Uint(total.records).Key("bytes").Uint(total.bytes).EndObject();
  }
  w.EndObject();
  w.Key("missing").StartArray();
  for (const auto& m : s.index.missing_json) w.Raw(m);
  w.EndArray();
  // What an incremental export took from its base (null for other archives).
  if (s.index.reuse) {
    const formats::BaseReuse& r = *s.index.reuse;
    w.Key("reuse").StartObject();
    w.Key("published_versions").Uint(r.published_versions);
    w.Key("published_absences").Uint(r.published_absences);
    w.Key("binaries").Uint(r.binaries);
    w.Key("requests_saved").Uint(r.requests_saved);
    w.EndObject();
  } else {
    w.Key("reuse").Null();
  }
  w.Key("index_digest").String(s.index.digest);
  w.EndObject();
  std::cout << w.view() << "\n";
}

void PrintText(const InspectCommand& c, const formats::ReadSummary& s) {
  const formats::Manifest& m = s.manifest;
  // Everything from the archive is printed with control characters escaped (cli/printable.h).
  std::cout << "archive:      " << c.path << "\n"
            << "format:       kbulk " << Printable(m.format_version) << "\n"
            << "written by:   kbulk " << Printable(m.tool_version) << " (" << Printable(m.tool_commit) << ")\n"
            << "created at:   " << Printable(m.created_at) << "\n";
  auto manifest = ParseJson(m.raw);
  if (manifest.ok()) {
    if (const JsonValue* source = Member(*manifest, "source"))
      std::cout << "source:       " << Printable(ToJsonString(*source)) << "\n";
    if (const JsonValue* opts = Member(*manifest, "options"))
      std::cout << "options:      " << Printable(ToJsonString(*opts)) << "\n";
    if (const JsonValue* base = Member(*manifest, "base"))
      std::cout << "base:         " << Printable(ToJsonString(*base)) << "\n";
  }
  if (s.index.reuse) {
    const formats::BaseReuse& r = *s.index.reuse;
    std::cout << "reused:       " << r.published_versions << " published versions, " << r.published_absences
              << " absences of one, " << r.binaries << " binaries from the base (" << r.requests_saved
              << " requests saved)\n";
  }
  std::cout << "missing:      " << s.index.missing_json.size() << " objects a partial export could not read\n";
  for (const auto& m : s.index.missing_json) std::cout << "              " << Printable(m) << "\n";
  char ratio[32];
  std::snprintf(ratio, sizeof ratio, "%.2f", Ratio(s));
  std::cout << "compression:  " << formats::CompressionName(s.compression) << ", " << s.compressed_bytes
            << " bytes for " << s.tar_bytes << " (ratio " << ratio << ")\n"
            << "entries:      " << s.index.entries.size() + 1 << "\n";
  for (const auto& [kind, total] : s.index.totals) {
    std::printf("  %-22s %10llu records %14llu bytes\n", Printable(kind).c_str(),
                static_cast<unsigned long long>(total.records), static_cast<unsigned long long>(total.bytes));
  }
  std::fflush(stdout);
}

// A data-ops backup zip (formats/dataops_verifier.h): the same checks and counts, described as what it is.
int RunDataOps(const InspectCommand& c) {
  auto summary = formats::InspectDataOpsBackup(c.path, {});
  if (!summary.ok()) {
    std::cerr << "kbulk inspect: " << c.path << ": " << summary.status().ToString() << "\n";
    return summary.status().code() == StatusCode::kIo ? kExitFatal : kExitCorrupt;
  }
  if (c.options.json) {
    PrintJson(c, *summary);
  } else {
    std::cout << formats::DescribeDataOpsBackup(c.path, *summary) << std::flush;
  }
  return kExitOk;
}

int Run(const InspectCommand& c) {
  if (formats::IsDataOpsBackup(c.path)) return RunDataOps(c);
  auto summary = formats::InspectArchive(c.path, c.limits);
  if (!summary.ok()) {
    std::cerr << "kbulk inspect: " << c.path << ": " << Printable(summary.status().ToString()) << "\n";
    if (std::string advice = NextStep(summary.status()); !advice.empty()) {
      std::cerr << "kbulk: hint: " << advice << "\n";
    }
    return summary.status().code() == StatusCode::kIo ? kExitFatal : kExitCorrupt;
  }
  if (c.options.json) {
    PrintJson(c, *summary);
  } else {
    PrintText(c, *summary);
  }
  return kExitOk;
}

void Setup(CLI::App& app) {
  auto c = std::make_shared<InspectCommand>();
  AddCommonOptions(app, c->options);
  app.add_option("FILE", c->path, "Archive to describe ('-' reads standard input)")->required();
  AddReaderLimitFlags(app, c->limits);
  app.footer(
      "Reads the whole archive once (checking it) and prints its manifest, counts per kind, sizes and\n"
      "compression ratio. Exit 5 when the archive is damaged.");
  SetRun(app, [c] { return Run(*c); });
}

const Registration registration({"inspect", "Show an archive's manifest, counts per kind, sizes and compression", 31,
                                 Setup});

}  // namespace
}  // namespace kbulk::cli
