// archive_throughput: writes the same mixed data set (incompressible binaries plus NDJSON records) with
// kbulk's ArchiveWriter and with `tar --zstd` (zstd -T0: all cores), in child processes, and reports wall
// time, archive size, the kbulk/tar ratios and each child's peak RSS, for several data set sizes. Also times
// `kbulk verify`-style reading. Prints a table and writes JSON (with the commit) to --out.
//
//   archive_throughput [--sizes 100,300] [--large] [--level 3] [--out FILE] [--workdir DIR] [--keep]
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "core/json.h"
#include "core/sha256.h"
#include "core/version.h"
#include "formats/archive_verifier.h"
#include "formats/archive_writer.h"
#include "formats/manifest.h"

namespace fs = std::filesystem;
using namespace kbulk;
using namespace kbulk::formats;

namespace {

struct DataSet {
  std::string dir;
  std::vector<std::pair<std::string, std::string>> blobs;  // (file, sha256)
  std::string ndjson;                                      // file of variant records
  std::uint64_t bytes = 0;
};

struct Run {
  double seconds = 0;
  std::uint64_t output_bytes = 0;
  long peak_rss_kb = 0;
  double cpu_seconds = 0;  // user + system, including waited-for children
  int exit_code = 0;
};

std::uint64_t Next(std::uint64_t& s) {
  s ^= s << 13;
  s ^= s >> 7;
  s ^= s << 17;
  return s;
}

// 75% of the bytes are incompressible binaries of 256 KiB..4 MiB, 25% are NDJSON variant-like records.
DataSet Generate(const std::string& dir, std::uint64_t total) {
  DataSet d;
  d.dir = dir;
  fs::create_directories(dir + "/blobs");
  std::uint64_t seed = 0x9E3779B97F4A7C15ull;
  std::uint64_t binary_target = total * 3 / 4;
  std::string buffer;
  for (int i = 0; d.bytes < binary_target; ++i) {
    std::uint64_t size = (256u << 10) + Next(seed) % (4u << 20);
    buffer.resize(size);
    for (std::size_t j = 0; j + 8 <= buffer.size(); j += 8) {
      std::uint64_t v = Next(seed);
      std::memcpy(buffer.data() + j, &v, 8);
    }
    std::string file = dir + "/blobs/b" + std::to_string(i) + ".bin";
    std::ofstream(file, std::ios::binary).write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    d.blobs.emplace_back(file, Sha256::HexOf(buffer));
    d.bytes += size;
  }
  std::ofstream tsv(dir + "/../blobs.tsv");
  for (const auto& [file, sha] : d.blobs) tsv << sha << "\t" << file << "\n";
  static const char* words[] = {"coffee",   "brewing",   "espresso", "Kaffee",  "café",  "grinder", "roast",  "origin",
                                "Ethiopia", "Kolumbien", "日本語",   "barista", "latte", "crema",   "filter", "aroma"};
  d.ndjson = dir + "/variants.ndjson";
  std::ofstream out(d.ndjson, std::ios::binary);
  for (int i = 0; d.bytes < total; ++i) {
    std::string text;
    for (int w = 0; w < 250; ++w) text += std::string(words[Next(seed) % 16]) + " ";
    char head[256];
    std::snprintf(
        head, sizeof head,
        R"({"kbulk":{"version":"latest"},"variant":{"item":{"id":"%08x-0000-4000-8000-%012x"},"language":{"id":"00000000-0000-0000-0000-000000000000"},"elements":[{"element":{"id":"e1"},"value":"<p>)",
        i, i);
    std::string line = std::string(head) + text + R"(</p>","components":[]}]}})" + "\n";
    out << line;
    d.bytes += line.size();
  }
  return d;
}

Run Child(const std::function<int()>& body) {
  ::sync();  // every run starts without dirty pages left by the previous one
  auto start = std::chrono::steady_clock::now();
  pid_t pid = ::fork();
  if (pid == 0) ::_exit(body());
  int status = 0;
  struct rusage usage {};
  ::wait4(pid, &status, 0, &usage);
  Run run;
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  run.peak_rss_kb = usage.ru_maxrss;
  run.cpu_seconds = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                    static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
  return run;
}

// Runs `argv` as a fresh process (so its peak RSS is its own, not inherited from this one).
Run Exec(std::vector<std::string> args) {
  return Child([&] {
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    return 127;
  });
}

DataSet Load(const std::string& dir) {
  DataSet d;
  std::ifstream tsv(dir + "/blobs.tsv");
  std::string sha, file;
  while (std::getline(tsv, sha, '\t') && std::getline(tsv, file)) d.blobs.emplace_back(file, sha);
  d.ndjson = dir + "/data/variants.ndjson";
  return d;
}

int WriteWithKbulk(const DataSet& d, const std::string& out, int level, bool sync) {
  WriterOptions options;
  options.sync = sync;
  options.compression.level = level;
  options.compression.threads = 0;
  auto writer = ArchiveWriter::Open(out, options);
  if (!writer.ok()) return 1;
  ArchiveWriter& w = **writer;
  if (!w.WriteManifest(BuildManifestJson({})).ok()) return 2;
  for (const auto& [file, sha] : d.blobs) {
    if (!w.AddBlobFile(sha, file).ok()) return 3;
  }
  auto sink = w.BeginNdjson(kVariantsPath);
  if (!sink.ok()) return 4;
  std::ifstream in(d.ndjson, std::ios::binary);
  std::string line;
  while (std::getline(in, line)) {
    if (!(*sink)->Append(line).ok()) return 5;
  }
  if (!(*sink)->Commit().ok()) return 6;
  return w.Finish().ok() ? 0 : 7;
}

std::string Arg(int argc, char** argv, const std::string& name, const std::string& fallback) {
  for (int i = 1; i + 1 < argc; ++i) {
    if (argv[i] == name) return argv[i + 1];
  }
  return fallback;
}

bool Flag(int argc, char** argv, const std::string& name) {
  for (int i = 1; i < argc; ++i) {
    if (argv[i] == name) return true;
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  // Child modes, run through exec so each measures only itself.
  if (argc == 6 && std::string(argv[1]) == "--child-write") {
    return WriteWithKbulk(Load(argv[2]), argv[3], std::stoi(argv[4]), std::string(argv[5]) == "sync");
  }
  if (argc == 3 && std::string(argv[1]) == "--child-verify") return VerifyArchive(argv[2], {}).intact() ? 0 : 1;
  std::string self = fs::read_symlink("/proc/self/exe").string();
  std::vector<std::uint64_t> sizes_mb;
  std::string sizes = Arg(argc, argv, "--sizes", "100,300");
  for (std::size_t pos = 0; pos < sizes.size();) {
    std::size_t comma = sizes.find(',', pos);
    sizes_mb.push_back(std::stoull(sizes.substr(pos, comma - pos)));
    pos = comma == std::string::npos ? sizes.size() : comma + 1;
  }
  if (Flag(argc, argv, "--large")) sizes_mb.push_back(1000);
  int level = std::stoi(Arg(argc, argv, "--level", "3"));
  std::string workdir = Arg(argc, argv, "--workdir", (fs::temp_directory_path() / "kbulk-archive-bench").string());
  std::string out_json = Arg(argc, argv, "--out", "");

  JsonWriter json;
  json.StartObject();
  json.Key("benchmark").String("archive_throughput");
  json.Key("commit").String(KBULK_GIT_COMMIT);
  json.Key("kbulk_version").String(KBULK_VERSION);
  json.Key("date").String(NowRfc3339());
  json.Key("cores").Uint(std::thread::hardware_concurrency());
  json.Key("zstd_level").Int(level);
  json.Key("tar_command").String("tar -I 'zstd -T0 -" + std::to_string(level) + "' -cf OUT -C DATA .");
  json.Key("results").StartArray();
  std::printf("%7s | %7s %7s %7s %7s %6s | %7s %7s %7s %6s | %5s %5s | %8s %8s\n", "data MB", "kbulk s", "no-sync",
              "cpu s", "MB", "RSS MB", "tar s", "cpu s", "MB", "RSS MB", "time", "size", "verify s", "tar -t s");
  for (std::uint64_t mb : sizes_mb) {
    std::string dir = workdir + "/" + std::to_string(mb);
    fs::remove_all(dir);
    DataSet data = Generate(dir + "/data", mb * 1000 * 1000);
    std::string tar_out = dir + "/tar.tar.zst";
    std::string kbulk_out = dir + "/kbulk.tar.zst";
    std::string tar_cmd =
        "exec tar -I 'zstd -q -T0 -" + std::to_string(level) + "' -cf '" + tar_out + "' -C '" + dir + "/data' .";
    Run tar = Exec({"/bin/sh", "-c", tar_cmd});
    Run kb = Exec({self, "--child-write", dir, kbulk_out, std::to_string(level), "sync"});
    Run kb_nosync = Exec({self, "--child-write", dir, kbulk_out + ".nosync", std::to_string(level), "nosync"});
    fs::remove(kbulk_out + ".nosync");
    tar.output_bytes = fs::file_size(tar_out);
    kb.output_bytes = fs::file_size(kbulk_out);
    Run verify = Exec({self, "--child-verify", kbulk_out});
    std::string list_cmd = "exec tar -I zstd -tf '" + tar_out + "' > /dev/null";
    Run tar_list = Exec({"/bin/sh", "-c", list_cmd});
    if (tar.exit_code != 0 || kb.exit_code != 0 || kb_nosync.exit_code != 0 || verify.exit_code != 0 ||
        tar_list.exit_code != 0) {
      std::fprintf(stderr, "archive_throughput: a run failed (tar %d, kbulk %d, verify %d, tar -t %d)\n", tar.exit_code,
                   kb.exit_code, verify.exit_code, tar_list.exit_code);
      return 1;
    }
    double mbytes = static_cast<double>(data.bytes) / 1e6;
    std::printf("%7.0f | %7.2f %7.2f %7.2f %7.1f %6.1f | %7.2f %7.2f %7.1f %6.1f | %5.2f %5.3f | %8.2f %8.2f\n", mbytes,
                kb.seconds, kb_nosync.seconds, kb.cpu_seconds, kb.output_bytes / 1e6, kb.peak_rss_kb / 1024.0,
                tar.seconds, tar.cpu_seconds, tar.output_bytes / 1e6, tar.peak_rss_kb / 1024.0,
                kb.seconds / tar.seconds, static_cast<double>(kb.output_bytes) / static_cast<double>(tar.output_bytes),
                verify.seconds, tar_list.seconds);
    std::fflush(stdout);
    auto run_json = [&](const char* name, const Run& r) {
      json.Key(name).StartObject().Key("seconds").Double(r.seconds).Key("bytes").Uint(r.output_bytes);
      json.Key("peak_rss_kb").Int(r.peak_rss_kb).Key("cpu_seconds").Double(r.cpu_seconds).EndObject();
    };
    json.StartObject();
    json.Key("data_bytes").Uint(data.bytes);
    json.Key("blobs").Uint(data.blobs.size());
    run_json("kbulk", kb);
    run_json("kbulk_without_fsync", kb_nosync);
    run_json("tar_zstd", tar);
    run_json("kbulk_verify", verify);
    run_json("tar_list", tar_list);
    json.Key("time_ratio_kbulk_over_tar").Double(kb.seconds / tar.seconds);
    json.Key("time_ratio_kbulk_without_fsync_over_tar").Double(kb_nosync.seconds / tar.seconds);
    json.Key("size_ratio_kbulk_over_tar")
        .Double(static_cast<double>(kb.output_bytes) / static_cast<double>(tar.output_bytes));
    json.Key("kbulk_mb_per_s").Double(mbytes / kb.seconds);
    json.Key("tar_mb_per_s").Double(mbytes / tar.seconds);
    json.EndObject();
    if (!Flag(argc, argv, "--keep")) fs::remove_all(dir);
  }
  json.EndArray();
  json.EndObject();
  std::printf("(RSS: the peak of the process and the children it waited for: tar reports max(tar, zstd))\n");
  if (!out_json.empty()) {
    std::ofstream(out_json) << json.view() << "\n";
    std::printf("results written to %s\n", out_json.c_str());
  }
  return 0;
}
