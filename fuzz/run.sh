#!/bin/sh
# Builds libFuzzer targets with clang (ASan + UBSan) into BUILD_DIR and runs each for SECONDS on a scratch
# copy of its committed seeds (fuzz/corpus/TARGET/). Usage:
#   fuzz/run.sh BUILD_DIR [SECONDS] [TARGET...]     TARGET: richtext (default), archive_reader, ..., or all
# SECONDS 0 only builds. KBULK_FUZZ_NO_BUILD=1 skips configuring and building (CTest builds once, then runs
# the targets in parallel). Extra libFuzzer flags go in KBULK_FUZZ_FLAGS (e.g. "-jobs=2 -workers=2").
# Each run prints libFuzzer's final stats line ("Done N runs in S second(s)"): fuzz/README.md records them.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:?usage: run.sh BUILD_DIR [SECONDS] [TARGET...]}
seconds=${2:-20}
[ $# -ge 2 ] && shift 2 || shift $#
targets=${*:-richtext}
if [ "$targets" = "all" ]; then
  targets=$(cd "$here" && ls *_fuzz.cc | sed 's/_fuzz\.cc$//' | tr '\n' ' ')
fi
if [ "${KBULK_FUZZ_NO_BUILD:-}" != "1" ]; then
  mkdir -p "$build"
  # ccache, when installed, makes the instrumented rebuilds of CI cheap (the emulator target alone compiles
  # the emulator, content and rich-text modules).
  launcher=$(command -v ccache || true)
  CC=${CC_FUZZ:-clang} CXX=${CXX_FUZZ:-clang++} cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER="${CC_FUZZ:-clang}" -DCMAKE_CXX_COMPILER="${CXX_FUZZ:-clang++}" \
    ${launcher:+-DCMAKE_C_COMPILER_LAUNCHER="$launcher" -DCMAKE_CXX_COMPILER_LAUNCHER="$launcher"} \
    >"$build.configure.log" 2>&1 || { cat "$build.configure.log"; exit 1; }
  cmake --build "$build" -j2 --target $(for t in $targets; do printf '%s_fuzz ' "$t"; done)
fi
[ "$seconds" -gt 0 ] || exit 0
for target in $targets; do
  work="$build/corpus-$target"
  rm -rf "$work"
  mkdir -p "$work"
  cp "$here/corpus/$target"/* "$work"/
  echo "== $target: $seconds s"
  rm -f "$build/$target-"*
  # Leaks, timeouts and out-of-memory fail the run as crashes do (libFuzzer exits non-zero).
  rc=0
  # shellcheck disable=SC2086
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:suppressions="$here/ubsan.supp" \
    "$build/${target}_fuzz" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$build/$target-" ${KBULK_FUZZ_FLAGS:-} "$work" >"$build/$target.log" 2>&1 || rc=$?
  grep -v '^#[0-9]*[[:space:]]*\(NEW\|REDUCE\|pulse\)' "$build/$target.log" | tail -n 60
  if [ "$rc" -ne 0 ]; then
    echo "fuzz target $target failed (exit $rc); input: $(ls "$build/$target-"* 2>/dev/null || echo none)"
    exit 1
  fi
done
