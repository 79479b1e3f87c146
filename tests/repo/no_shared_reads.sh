#!/usr/bin/env bash
# Fails when a build file, script, test or source file refers to ../shared: the project must pass its
# tests from a bare clone, where ../shared does not exist. Fixtures are copied into tests/fixtures/.
set -euo pipefail
root="${1:?usage: no_shared_reads.sh SOURCE_DIR}"
cd "$root"
# Everything git tracks (or, outside a git checkout, every file), except the copied fixtures, docs and this check.
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  files=$(git ls-files --cached --others --exclude-standard)
else
  files=$(find . -type f -not -path './build/*' -not -path './.git/*' | sed 's#^\./##')
fi
hits=$(printf '%s\n' "$files" |
  grep -Ev '^(tests/fixtures/|docs/|tests/repo/no_shared_reads\.sh$)|\.md$' |
  grep -Ev '(^|/)node_modules/' |
  while IFS= read -r f; do [ -f "$f" ] && grep -HnE '\.\./shared/|/work/shared' "$f" || true; done)
if [ -n "$hits" ]; then
  echo "These lines read ../shared, which a bare clone does not have; copy the fixture into tests/fixtures/:"
  echo "$hits"
  exit 1
fi
echo "no file outside tests/fixtures refers to ../shared"
