#!/usr/bin/env bash
# Fails when a flag that some `kbulk ... --help` shows is not in docs/cli.md. Commands are discovered from
# the help itself (subcommands of subcommands too), so a new command or flag cannot slip by undocumented.
set -euo pipefail
kbulk="${1:?usage: documented_flags.sh KBULK DOCS_CLI_MD}"
doc="${2:?usage: documented_flags.sh KBULK DOCS_CLI_MD}"

subcommands() {  # the words listed under "Subcommands:" in the help of "$@"
  "$kbulk" "$@" --help | awk '/^Subcommands:/ {on = 1; next} on && /^  [a-z]/ {print $1}'
}

missing=0
checked=0
check() {  # command words...
  local flag
  for flag in $("$kbulk" "$@" --help | grep -oE -- '--[a-z][a-z0-9-]+' | sort -u); do
    checked=$((checked + 1))
    if ! grep -qE -- "${flag}([^a-z0-9-]|$)" "$doc"; then
      echo "kbulk $* --help shows $flag, which docs/cli.md does not document"
      missing=$((missing + 1))
    fi
  done
}

check
for command in $(subcommands); do
  check "$command"
  for sub in $(subcommands "$command"); do check "$command" "$sub"; done
done
if [ "$missing" -gt 0 ]; then
  echo "$missing undocumented flag(s); add them to docs/cli.md"
  exit 1
fi
echo "all $checked flags shown by --help are documented in docs/cli.md"
