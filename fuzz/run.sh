#!/bin/sh
# Builds the rich-text libFuzzer target with clang (ASan + UBSan) into BUILD_DIR and runs it for SECONDS on a
# scratch copy of the committed seeds (fuzz/corpus/richtext/). Usage: fuzz/run.sh BUILD_DIR [SECONDS]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:?usage: run.sh BUILD_DIR [SECONDS]}
seconds=${2:-20}
CXX=${CXX_FUZZ:-clang++} cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER="${CXX_FUZZ:-clang++}" >"$build.configure.log" 2>&1 || { cat "$build.configure.log"; exit 1; }
cmake --build "$build" -j2
work="$build/corpus"
rm -rf "$work"
mkdir -p "$work"
cp "$here"/corpus/richtext/* "$work"/
# Leaks and timeouts fail the run as crashes do (libFuzzer exits non-zero).
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  "$build/richtext_fuzz" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
  -artifact_prefix="$build/" "$work"
