#!/usr/bin/env bash
# Feed benchmark: `kbulk feed export --from ARCHIVE` of synthetic environments (type synthetic_article, see
# docs/emulator-seeds.md) in CSV and NDJSON: rows per second and peak RSS per size (memory must stay flat as
# rows grow). When `kbulk feed import` has --dry-run, also its parsing rate on the CSV feed (limits off).
# Prints a table and writes JSON (see benchmarks/README.md, "Feeds").
set -euo pipefail
shopt -s inherit_errexit

usage() {
  cat <<'USAGE'
usage: benchmarks/feeds/run.sh [options]
  --kbulk PATH       the kbulk program (default: build/release/cli/kbulk)
  --sizes N,N,...    rows (variants) per environment (default 10000,100000)
  --languages L      languages per environment; items = rows / L (default 1)
  --formats F,F      feed formats to export (default csv,ndjson; the import dry run reads the CSV feed)
  --no-import        skip the feed import dry run
  --workdir DIR      scratch directory (default $TMPDIR/kbulk-feeds-bench)
  --out FILE         write the results as JSON
  --commit SHA       the commit the kbulk program was built from (default: git rev-parse HEAD)
USAGE
}

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
kbulk="$root/build/release/cli/kbulk"
sizes="10000,100000"
languages=1
workdir="${TMPDIR:-/tmp}/kbulk-feeds-bench"
out=""
commit=""
no_import=0
formats="csv,ndjson"
while [ $# -gt 0 ]; do
  case "$1" in
    --kbulk) kbulk=$2; shift 2 ;;
    --sizes) sizes=$2; shift 2 ;;
    --languages) languages=$2; shift 2 ;;
    --formats) formats=$2; shift 2 ;;
    --no-import) no_import=1; shift ;;
    --workdir) workdir=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --commit) commit=$2; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done
for tool in jq /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is missing (scripts/install-deps)" >&2; exit 2; }
done
[ -x "$kbulk" ] || { echo "run.sh: no kbulk program at $kbulk (--kbulk PATH)" >&2; exit 2; }
mkdir -p "$workdir"
emulator_pid=""
stop_emulator() {
  if [ -n "$emulator_pid" ]; then
    kill "$emulator_pid" 2>/dev/null || true
    wait "$emulator_pid" 2>/dev/null || true
    emulator_pid=""
  fi
}
trap stop_emulator EXIT

start_emulator() {  # seed
  rm -f "$workdir/ready.json"
  "$kbulk" emulator --listen 127.0.0.1:0 --ready-file "$workdir/ready.json" --quiet --seed "$1" \
    --rate-limit off >"$workdir/emulator.log" 2>&1 &
  emulator_pid=$!
  for _ in $(seq 1 2400); do
    [ -f "$workdir/ready.json" ] && break
    kill -0 "$emulator_pid" 2>/dev/null || { cat "$workdir/emulator.log" >&2; exit 1; }
    sleep 0.05
  done
  [ -f "$workdir/ready.json" ] || { echo "run.sh: emulator not ready after 120 s" >&2; exit 1; }
  base_url=$(jq -r .base_url "$workdir/ready.json")
  api_key=$(jq -r .api_key "$workdir/ready.json")
  source_env=$(jq -r '.environments[0].id' "$workdir/ready.json")
}

# Runs a kbulk command under /usr/bin/time; prints {wall_ms, peak_rss_kb}.
measure() {  # kbulk args...
  local t0 t1 rc=0
  t0=$(date +%s%N)
  /usr/bin/time -v -o "$workdir/time.txt" "$kbulk" "$@" >"$workdir/cmd.out" 2>"$workdir/cmd.err" || rc=$?
  t1=$(date +%s%N)
  # feed import exits 1 when it rejects rows; only a usage or fatal error stops the benchmark.
  if [ "$rc" -ge 2 ]; then
    echo "run.sh: kbulk $1 $2 exited $rc:" >&2
    cat "$workdir/cmd.err" >&2
    exit 1
  fi
  jq -n --argjson wall $(((t1 - t0) / 1000000)) \
    --argjson rss "$(sed -n 's/.*Maximum resident set size (kbytes): *//p' "$workdir/time.txt")" \
    '{wall_ms: $wall, peak_rss_kb: $rss}'
}

has_import_dry_run=0
if [ "$no_import" = 0 ] && "$kbulk" feed import --help 2>/dev/null | grep -q -- '--dry-run'; then
  has_import_dry_run=1
fi

IFS=',' read -r -a size_list <<<"$sizes"
IFS=',' read -r -a format_list <<<"$formats"
[ -n "$commit" ] || commit=$(git -C "$root" rev-parse HEAD 2>/dev/null || echo unknown)
version=$("$kbulk" --version)
results="[]"
printf '%-8s %-7s %10s %9s %9s %10s %9s %11s %9s\n' rows format feed_MB wall_s rows/s rss_MB \
  import_s import_r/s import_MB
for rows in "${size_list[@]}"; do
  items=$((rows / languages))
  seed="synthetic:items=$items,languages=$languages,assets=0,seed=1"
  start_emulator "$seed"
  KONTENT_API_KEY="$api_key" "$kbulk" export --quiet --base-url "$base_url" --environment-id "$source_env" \
    --rate-limit off --latest-only --no-binaries -o "$workdir/source.kbulk" 2>"$workdir/export.err" ||
    { cat "$workdir/export.err" >&2; exit 1; }
  for format in "${format_list[@]}"; do
    feed="$workdir/feed.$format"
    m=$(measure feed export --quiet --json --from "$workdir/source.kbulk" --type synthetic_article \
      --format "$format" -o "$feed")
    n=$(jq .rows "$workdir/cmd.out")
    imp="null"
    if [ "$has_import_dry_run" = 1 ] && [ "$format" = csv ]; then
      # The dry run reads the target's variants to compare (limits off) and writes nothing.
      imp=$( (KONTENT_API_KEY="$api_key" measure feed import "$feed" --base-url "$base_url" \
        --environment-id "$source_env" --rate-limit off --type synthetic_article --dry-run --quiet) 2>/dev/null ||
        echo null)
    fi
    record=$(jq -n --argjson rows "$rows" --arg format "$format" --arg seed "$seed" --argjson m "$m" \
      --argjson bytes "$(stat -c %s "$feed")" --argjson imp "$imp" '
      {rows: $rows, format: $format, seed: $seed, feed_bytes: $bytes, export: $m,
       export_rows_per_s: ($rows / ($m.wall_ms / 1000)),
       import_dry_run: (if $imp == null then null else ($imp + {rows_per_s: ($rows / ($imp.wall_ms / 1000))}) end)}')
    results=$(jq -c --argjson r "$record" '. + [$r]' <<<"$results")
    jq -r '[.rows, .format, (.feed_bytes / 1048576 * 10 | round / 10), (.export.wall_ms / 1000),
            (.export_rows_per_s | round), (.export.peak_rss_kb / 1024 * 10 | round / 10),
            (.import_dry_run.wall_ms // null | if . == null then "-" else . / 1000 end),
            (.import_dry_run.rows_per_s // null | if . == null then "-" else round end),
            (.import_dry_run.peak_rss_kb // null | if . == null then "-" else (. / 1024 * 10 | round / 10) end)]
           | @tsv' <<<"$record" | awk -F'\t' '{printf "%-8s %-7s %10s %9s %9s %10s %9s %11s %9s\n", $1,$2,$3,$4,$5,$6,$7,$8,$9}'
    [ "$n" -eq "$rows" ] || { echo "run.sh: the $format feed has $n rows, expected $rows" >&2; exit 1; }
  done
  stop_emulator
done
json=$(jq -n --arg commit "$commit" --arg version "$version" --argjson results "$results" \
  '{benchmark: "feeds", commit: $commit, kbulk: $version, results: $results}')
if [ -n "$out" ]; then printf '%s\n' "$json" >"$out"; fi
