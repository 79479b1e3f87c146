#!/usr/bin/env bash
# Installs the peers kbulk is benchmarked against, pinned (benchmarks/peers/package.json: data-ops 2.6.2,
# migration-toolkit 3.2.1, with npm `overrides` pinning core-sdk 10.12.5, management-sdk 8.5.1 and
# rich-text-resolver 3.0.2), into a cache directory outside the source tree, and picks a Node.js >= 20.10
# (data-ops' engines field): the system's, else the npm package node@20.20.2 installed next to the packages.
# Usage: benchmarks/peers/install.sh [DIR]   (default $KBULK_PEERS_DIR or ${XDG_CACHE_HOME:-~/.cache}/kbulk-peers)
# Prints two lines: NODE=<node program> and NODE_PATH=<DIR>/node_modules. Skips `npm install` while the
# installed package.json is unchanged.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
dir=${1:-${KBULK_PEERS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/kbulk-peers}}
minimum=20.10
pinned=20.20.2
command -v npm >/dev/null || { echo "install.sh: npm is missing" >&2; exit 2; }
mkdir -p "$dir"

node_at_least() {  # node
  local v
  v=$("$1" --version 2>/dev/null) || return 1
  v=${v#v}
  [ "$(printf '%s\n%s\n' "$minimum" "$v" | sort -V | head -n1)" = "$minimum" ]
}

node=$(command -v node || true)
if [ -z "$node" ] || ! node_at_least "$node"; then
  node="$dir/node-$pinned/node_modules/.bin/node"
  if [ ! -x "$node" ]; then
    echo "install.sh: no Node.js >= $minimum on PATH; installing node@$pinned with npm" >&2
    npm install --prefix "$dir/node-$pinned" --no-save --no-audit --no-fund --loglevel=error "node@$pinned" >&2
  fi
  node_at_least "$node" || { echo "install.sh: $node is not Node.js >= $minimum" >&2; exit 1; }
fi

if ! cmp -s "$here/package.json" "$dir/package.json" || [ ! -d "$dir/node_modules/@kontent-ai/data-ops" ] ||
  [ ! -d "$dir/node_modules/@kontent-ai/migration-toolkit" ]; then
  cp "$here/package.json" "$dir/package.json"
  rm -f "$dir/package-lock.json"
  (cd "$dir" && npm install --prefer-offline --no-audit --no-fund --loglevel=error >&2)
fi
for pkg in data-ops:2.6.2 migration-toolkit:3.2.1 management-sdk:8.5.1 core-sdk:10.12.5; do
  got=$("$node" -p "require('$dir/node_modules/@kontent-ai/${pkg%%:*}/package.json').version")
  [ "$got" = "${pkg##*:}" ] || { echo "install.sh: @kontent-ai/${pkg%%:*} is $got, not ${pkg##*:}" >&2; exit 1; }
done
echo "NODE=$node"
echo "NODE_PATH=$dir/node_modules"
