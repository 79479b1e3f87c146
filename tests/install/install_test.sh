#!/usr/bin/env bash
# Install test: `cmake --install` into a temporary prefix puts the program, its man pages, bash and zsh
# completion, the libraries, their headers and the CMake package in place; a program built against that
# prefix with find_package(kbulk) runs; `cpack -G DEB` makes a package that holds the same files.
# Usage: install_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
source_dir=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix

fail() { echo "install test: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$prefix" >"$work/install.log" || { cat "$work/install.log"; fail "cmake --install failed"; }
for f in bin/kbulk share/man/man1/kbulk.1 share/man/man1/kbulk-export.1 share/man/man1/kbulk-import.1 \
  share/man/man1/kbulk-feed-export.1 share/bash-completion/completions/kbulk share/zsh/vendor-completions/_kbulk \
  include/kbulk/core/status.h include/kbulk/formats/manifest.h lib/cmake/kbulk/kbulkConfig.cmake \
  lib/cmake/kbulk/kbulkConfigVersion.cmake lib/libkbulk_core.a lib/libkbulk_importer.a; do
  [ -e "$prefix/$f" ] || fail "missing after install: $f"
done
"$prefix/bin/kbulk" --version | grep -q '^kbulk ' || fail "installed kbulk --version"
# Every command has its page, and each page names its command.
for command in $("$prefix/bin/kbulk" --help | awk '/^Subcommands:/ {s = 1; next} s && /^  [a-z]/ {print $1}'); do
  [ -e "$prefix/share/man/man1/kbulk-$command.1" ] || fail "no man page for kbulk $command"
  grep -q "^\.TH KBULK-$(echo "$command" | tr a-z A-Z) " "$prefix/share/man/man1/kbulk-$command.1" ||
    fail "kbulk-$command.1 has the wrong title"
done
# The completion script completes commands from the installed program.
out=$(bash -c "source '$prefix/share/bash-completion/completions/kbulk'; COMP_WORDS=('$prefix/bin/kbulk' im); COMP_CWORD=1; _kbulk; echo \"\${COMPREPLY[*]}\"")
[ "$out" = "import" ] || fail "bash completion of 'kbulk im' gave '$out'"

cmake -S "$source_dir/tests/install/consumer" -B "$work/consumer" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$prefix" >"$work/consumer.log" 2>&1 || { cat "$work/consumer.log"; fail "configuring the consumer"; }
cmake --build "$work/consumer" >>"$work/consumer.log" 2>&1 || { cat "$work/consumer.log"; fail "building the consumer"; }
out=$("$work/consumer/consumer")
echo "$out"
grep -q '^sha256(abc)=ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad$' <<<"$out" || fail "consumer output"
grep -q '^manifest: ' <<<"$out" || fail "consumer output"

(cd "$work" && cpack -G DEB -B "$work/package" --config "$build/CPackConfig.cmake" >"$work/cpack.log" 2>&1) ||
  { cat "$work/cpack.log"; fail "cpack -G DEB failed"; }
deb=$(ls "$work"/package/*.deb | head -1)
[ -n "$deb" ] || fail "cpack made no .deb"
listing=$(dpkg -c "$deb")
for f in ./usr/bin/kbulk ./usr/share/man/man1/kbulk.1 ./usr/share/man/man1/kbulk-import.1 \
  ./usr/share/bash-completion/completions/kbulk ./usr/share/zsh/vendor-completions/_kbulk \
  ./usr/lib/cmake/kbulk/kbulkConfig.cmake ./usr/include/kbulk/core/status.h; do
  grep -q " $f\$" <<<"$listing" || fail "the package lacks $f"
done
dpkg-deb -f "$deb" Depends | grep -q libcurl || fail "the package's Depends lacks libcurl: $(dpkg-deb -f "$deb" Depends)"
echo "install test: ok ($(basename "$deb"), $(wc -l <<<"$listing") entries)"
