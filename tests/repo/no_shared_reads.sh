#!/usr/bin/env bash
# Fails when any tracked file (code, build files, scripts, tests, docs) refers to the steering folder that
# sits beside the repository on developers' machines: the project must pass its tests from a bare clone,
# where it does not exist. Fixtures are copied into tests/fixtures/ instead.
set -euo pipefail
root="${1:?usage: no_shared_reads.sh SOURCE_DIR}"
cd "$root"
# The folder's name is assembled so that this script does not name it itself.
outside='\.\./''shared|/work/''shared'
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  files=$(git ls-files --cached --others --exclude-standard)
else
  files=$(find . -type f -not -path './build/*' -not -path './.git/*' | sed 's#^\./##')
fi
hits=$(printf '%s\n' "$files" |
  grep -Ev '(^|/)node_modules/|^tests/fixtures/(data-ops|management-sdk)/' |
  while IFS= read -r f; do [ -f "$f" ] && grep -IHnE "$outside" "$f" || true; done)
if [ -n "$hits" ]; then
  echo "These lines refer to a folder outside the repository, which a bare clone does not have"
  echo "(copy what is needed into tests/fixtures/):"
  echo "$hits"
  exit 1
fi
echo "no tracked file refers to a folder outside the repository"
