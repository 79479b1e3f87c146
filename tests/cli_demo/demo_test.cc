// `kbulk demo`: the newcomer's first run ends with a summary and a clean diff; --keep-running leaves an
// emulator that a separate kbulk reaches with the printed commands, until SIGINT.
#include <catch2/catch.hpp>

#include <string>

#include "tests/support/kbulk_process.h"

namespace {

using kbulk::testing::RunKbulk;
using kbulk::testing::RunShell;
using kbulk::testing::TempDir;

std::string Quote(const std::string& s) {
  return "'" + s + "'";
}

}  // namespace

TEST_CASE("demo restores the sample and prints where the archive is and how to look inside") {
  TempDir dir;
  auto run = RunKbulk({"demo", "--rate-limit", "off", "--output-dir", dir / "out"});
  INFO(run.out << run.err);
  REQUIRE(run.exit_code == 0);
  CHECK(run.out.find("the restored environment equals the source") != std::string::npos);
  CHECK(run.out.find(dir / "out/sample.tar.zst") != std::string::npos);
  CHECK(run.out.find("tar --zstd -tvf") != std::string::npos);
  CHECK(run.out.find("compared  ") != std::string::npos);
  // Restored as `kbulk import --new-environment` does: into a clone of the sample without content.
  CHECK(run.out.find("restored  into the new environment 'Restored by kbulk demo' (") != std::string::npos);
  CHECK(run.err.find("(cloned without content)") != std::string::npos);
}

TEST_CASE("demo --keep-running serves the emulator until SIGINT") {
  TempDir dir;
  // The script starts the demo, waits for its "keeps running" lines, runs the printed export against it,
  // then interrupts the demo and reports both exit codes.
  std::string script = R"(
kbulk=$1; dir=$2
"$kbulk" demo --rate-limit off --keep-running --output-dir "$dir/out" >"$dir/demo.out" 2>"$dir/demo.err" &
pid=$!
for i in $(seq 1 600); do grep -q 'keeps running' "$dir/demo.out" 2>/dev/null && break; sleep 0.1; done
export KONTENT_API_KEY=$(sed -n 's/^  export KONTENT_API_KEY=//p' "$dir/demo.out")
url=$(grep -o 'http://127.0.0.1:[0-9]*/v2' "$dir/demo.out" | head -1)
env=$(sed -n 's/.*--environment-id \([^ ]*\) .*/\1/p' "$dir/demo.out")
"$kbulk" export --quiet --rate-limit off --base-url "$url" --environment-id "$env" -o "$dir/mine.tar.zst"
echo "export=$?"
kill -INT $pid
wait $pid
echo "demo=$?"
)";
  std::string path = dir / "keep.sh";
  REQUIRE(RunShell("cat > " + Quote(path) + " <<'EOS'\n" + script + "\nEOS").exit_code == 0);
  auto run = RunShell("bash " + Quote(path) + " " + Quote(KBULK_BINARY) + " " + Quote(dir.path()));
  INFO(run.out << run.err << RunShell("cat " + Quote(dir / "demo.out") + " " + Quote(dir / "demo.err")).out);
  CHECK(run.out.find("export=0") != std::string::npos);
  CHECK(run.out.find("demo=0") != std::string::npos);
}
