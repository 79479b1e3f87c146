#!/usr/bin/env bash
# Catch test names become CTest test names and are passed back to Catch as a filter: a name that starts with
# "-" is read as an option, and CMake splits a name at ';'. Such a test would never run (or run others). Fails on one.
set -euo pipefail
root=$1
bad=$(grep -rhoE 'TEST_CASE\("[^"]*"' "$root/tests" --include='*.cc' | sed 's/^TEST_CASE("//; s/"$//' |
  grep -E '^-|;' || true)
if [ -n "$bad" ]; then
  echo "test names that CTest cannot pass to Catch:" >&2
  echo "$bad" >&2
  exit 1
fi
