#!/usr/bin/env bash
# Importer benchmark: `kbulk import` of exports of synthetic environments (every workflow state, see
# docs/emulator-seeds.md) into an empty second environment of the same `kbulk emulator`. Reports requests
# against the fewest writes the archive's workflow states allow (minimum.awk), the dry run's estimate, wall
# time with limits off, peak RSS per size, the writes of a second (idempotent) import, and the efficiency at
# the real rate limits. Prints a table and writes JSON (see benchmarks/README.md).
set -euo pipefail
shopt -s inherit_errexit

usage() {
  cat <<'USAGE'
usage: benchmarks/import/run.sh [options]
  --kbulk PATH       the kbulk program (default: build/release/cli/kbulk)
  --sizes N,N,...    variants per environment (default 1000,10000,100000)
  --languages L      languages per environment; items = variants / L (default 2)
  --assets N         assets per environment (default: variants / 20)
  --asset-kb K       size of every asset binary in KiB (default 4)
  --no-real          skip the run with real rate limits (minutes)
  --real-variants N  variants for the real-limit run (default 400)
  --workdir DIR      scratch directory (default $TMPDIR/kbulk-import-bench)
  --out FILE         write the results as JSON
  --commit SHA       the commit the kbulk program was built from (default: git rev-parse HEAD)
USAGE
}

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
kbulk="$root/build/release/cli/kbulk"
sizes="1000,10000,100000"
languages=2
assets=""
asset_kb=4
real=1
real_variants=400
workdir="${TMPDIR:-/tmp}/kbulk-import-bench"
out=""
commit=""
while [ $# -gt 0 ]; do
  case "$1" in
    --kbulk) kbulk=$2; shift 2 ;;
    --sizes) sizes=$2; shift 2 ;;
    --languages) languages=$2; shift 2 ;;
    --assets) assets=$2; shift 2 ;;
    --asset-kb) asset_kb=$2; shift 2 ;;
    --no-real) real=0; shift ;;
    --real-variants) real_variants=$2; shift 2 ;;
    --workdir) workdir=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --commit) commit=$2; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done
for tool in jq curl tar zstd /usr/bin/time; do
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

# Starts the emulator (two environments: the seeded source and an empty target) on a free loopback port.
start_emulator() {  # seed rate_limit
  rm -f "$workdir/ready.json"
  "$kbulk" emulator --listen 127.0.0.1:0 --ready-file "$workdir/ready.json" --quiet --seed "$1" \
    --environments 2 --rate-limit "$2" >"$workdir/emulator.log" 2>&1 &
  emulator_pid=$!
  for _ in $(seq 1 2400); do
    [ -f "$workdir/ready.json" ] && break
    kill -0 "$emulator_pid" 2>/dev/null || { cat "$workdir/emulator.log" >&2; exit 1; }
    sleep 0.05
  done
  [ -f "$workdir/ready.json" ] || { echo "run.sh: emulator not ready after 120 s" >&2; exit 1; }
  base_url=$(jq -r .base_url "$workdir/ready.json")
  origin=${base_url%/v2*}
  api_key=$(jq -r .api_key "$workdir/ready.json")
  source_env=$(jq -r '.environments[0].id' "$workdir/ready.json")
  target_env=$(jq -r '.environments[1].id' "$workdir/ready.json")
}

export_source() {
  KONTENT_API_KEY="$api_key" "$kbulk" export --quiet --base-url "$base_url" --environment-id "$source_env" \
    --rate-limit off -o "$workdir/source.kbulk" >/dev/null 2>"$workdir/export.err" ||
    { cat "$workdir/export.err" >&2; exit 1; }
}

# One import into the target; writes {summary, emulator, peak_rss_kb, wall_ms} (minus the long lists) to FILE.
run_import() {  # FILE client_rate_limit [extra import args...]
  local file=$1 rate=$2
  shift 2
  curl -sf -X POST -d '' "$origin/_emulator/stats/reset" >/dev/null
  local t0 t1 rc=0
  t0=$(date +%s%N)
  KONTENT_API_KEY="$api_key" /usr/bin/time -v -o "$workdir/time.txt" "$kbulk" import "$workdir/source.kbulk" \
    --json --quiet --base-url "$base_url" --environment-id "$target_env" --rate-limit "$rate" "$@" \
    >"$workdir/summary.json" 2>"$workdir/import.err" || rc=$?
  t1=$(date +%s%N)
  if [ "$rc" -ne 0 ]; then
    echo "run.sh: kbulk import exited $rc:" >&2
    cat "$workdir/import.err" >&2
    jq -c '.report.failures[0:5]' "$workdir/summary.json" >&2 || true
    exit 1
  fi
  local rss
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): *//p' "$workdir/time.txt")
  curl -sf "$origin/_emulator/stats" >"$workdir/stats.json"
  jq -n --slurpfile s "$workdir/summary.json" --slurpfile e "$workdir/stats.json" \
    --argjson rss "$rss" --argjson wall $(((t1 - t0) / 1000000)) \
    '{summary: ($s[0] | del(.report.conflicts, .report.notes, .report.failures, .report.plan_entries)),
      emulator: {reads: $e[0].reads, writes: $e[0].writes, rate_limited: $e[0].rate_limited},
      peak_rss_kb: $rss, wall_ms: $wall}' >"$file"
}

# The fewest writes: per variant by its archived workflow state (minimum.awk), one per item, two per asset
# (upload, upsert), one per rendition.
minimum_json() {
  local a="$workdir/source.kbulk"
  local variants items nassets renditions
  local special
  special=$(tar --zstd -xOf "$a" model/workflows.ndjson | jq -s -c 'map({(.published_step.id): "published",
    (.archived_step.id): "archived", (.scheduled_step.id): "scheduled"}) | add // {}')
  variants=$(tar --zstd -xOf "$a" content/variants.ndjson | jq -r --argjson sp "$special" '
    [.variant.item.id + "/" + .variant.language.id, .kbulk.version,
     ($sp[.variant.workflow.step_identifier.id] // "custom"), (.variant.schedule.unpublish_time != null)]
    | @tsv' | awk -f "$here/minimum.awk")
  items=$(tar --zstd -xOf "$a" content/items.ndjson | wc -l)
  nassets=$(tar --zstd -xOf "$a" assets/assets.ndjson | wc -l)
  renditions=$(tar --zstd -xOf "$a" assets/assets.ndjson | jq -s '[.[].kbulk.renditions | length] | add // 0')
  jq -n --argjson v "$variants" --argjson items "$items" --argjson assets "$nassets" --argjson r "$renditions" \
    '$v + {items: $items, assets: $assets, renditions: $r,
           content_writes: ($v.variant_writes + $items + 2 * $assets + $r)}'
}

IFS=',' read -r -a size_list <<<"$sizes"
[ -n "$commit" ] || commit=$(git -C "$root" rev-parse HEAD 2>/dev/null || echo unknown)
version=$("$kbulk" --version)
results="[]"
printf '%-8s %-7s %-9s %9s %9s %7s %9s %9s %8s %7s %8s %8s\n' variants assets min_writes requests writes \
  ratio estimate est_err% wall_s rss_MB rerun_wr req/var
for variants in "${size_list[@]}"; do
  items=$((variants / languages))
  nassets=${assets:-$((variants / 20))}
  seed="synthetic:items=$items,languages=$languages,assets=$nassets,asset_kb=$asset_kb,seed=1"
  start_emulator "$seed" off
  export_source
  min=$(minimum_json)
  run_import "$workdir/dry.json" off --dry-run
  run_import "$workdir/first.json" off
  run_import "$workdir/second.json" off
  stop_emulator
  record=$(jq -n --argjson v "$variants" --argjson l "$languages" --arg seed "$seed" --argjson min "$min" \
    --slurpfile dry "$workdir/dry.json" --slurpfile first "$workdir/first.json" \
    --slurpfile second "$workdir/second.json" '
    ($dry[0]) as $dry | ($first[0]) as $first | ($second[0]) as $second
    | ($first.summary.requests.api_requests) as $n
    | {variants: $v, languages: $l, seed: $seed, minimum: $min,
       requests: $n, writes: $first.emulator.writes, reads: $first.emulator.reads,
       writes_over_minimum: ($first.emulator.writes / $min.content_writes),
       requests_per_variant: ($n / $v), minimum_writes_per_variant: ($min.content_writes / $v),
       dry_run_estimate: $dry.summary.estimate.requests, dry_run_writes: $dry.emulator.writes,
       estimate_error: (($dry.summary.estimate.requests - $n) / $n),
       wall_ms: $first.wall_ms, duration_ms: $first.summary.duration_ms, peak_rss_kb: $first.peak_rss_kb,
       rerun_writes: $second.emulator.writes, rerun_requests: $second.summary.requests.api_requests,
       rerun_wall_ms: $second.wall_ms, failures: $first.summary.report.failure_count}')
  jq -r '[.variants, .minimum.assets, .minimum.content_writes, .requests, .writes,
          (.writes_over_minimum * 1000 | round / 1000), .dry_run_estimate, (.estimate_error * 1000 | round / 10),
          (.wall_ms / 1000), (.peak_rss_kb / 1024 | round), .rerun_writes, (.requests_per_variant * 100 | round / 100)]
         | @tsv' <<<"$record" |
    awk -F'\t' '{printf "%-8s %-7s %-9s %9s %9s %7s %9s %9s %8s %7s %8s %8s\n",$1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12}'
  results=$(jq -c --argjson r "$record" '. + [$r]' <<<"$results")
done

# Real limits on both sides: the emulator enforces 10/s and 400/min and the client paces itself with its
# defaults. Efficiency = requests per minute over 400, and the time against the ideal under both windows.
real_json="null"
if [ "$real" = 1 ]; then
  items=$((real_variants / languages))
  nassets=${assets:-$((real_variants / 20))}
  seed="synthetic:items=$items,languages=$languages,assets=$nassets,asset_kb=$asset_kb,seed=1"
  start_emulator "$seed" real
  # The limits are per environment: exporting the source does not use the target's windows.
  KONTENT_API_KEY="$api_key" "$kbulk" export --quiet --base-url "$base_url" --environment-id "$source_env" \
    -o "$workdir/source.kbulk" >/dev/null 2>"$workdir/export.err" || { cat "$workdir/export.err" >&2; exit 1; }
  run_import "$workdir/real.json" "10/s,400/min"
  r=$(cat "$workdir/real.json")
  stop_emulator
  real_json=$(jq --argjson v "$real_variants" --arg seed "$seed" '
    .summary.requests.api_requests as $n
    | (.summary.duration_ms / 1000) as $t
    | (60 * ((($n - 1) / 400) | floor) + (((($n - 1) % 400) / 10) | floor)) as $ideal
    | {variants: $v, seed: $seed, requests: $n, duration_s: $t, ideal_s: $ideal, peak_rss_kb,
       requests_per_minute: ($n / $t * 60),
       efficiency_vs_400_per_minute: ($n / $t * 60 / 400),
       efficiency_vs_ideal: (if $t > 0 then ([$ideal, 1] | max) / $t else null end),
       rate_limited_client: .summary.requests.rate_limited, rate_limited_emulator: .emulator.rate_limited}' <<<"$r")
  jq -r '"real limits, \(.variants) variants: \(.requests) requests in \(.duration_s) s (ideal \(.ideal_s) s): \(.requests_per_minute * 10 | round / 10) requests/min = \(.efficiency_vs_400_per_minute * 1000 | round / 10) % of 400/min, \(.efficiency_vs_ideal * 1000 | round / 10) % of ideal; 429s: client \(.rate_limited_client), emulator \(.rate_limited_emulator)"' <<<"$real_json"
fi

echo "min_writes = per variant by archived state (minimum.awk) + 1 per item + 2 per asset + 1 per rendition"
echo "ratio = emulator writes / min_writes; estimate = the dry run's request estimate (est_err% vs the real run)"
echo "rerun_wr = writes of a second import of the same archive (idempotence: 0)"

if [ -n "$out" ]; then
  jq -n --arg commit "$commit" --arg version "$version" --arg date "$(date -u +%FT%TZ)" \
    --arg load "$(cut -d' ' -f1-3 /proc/loadavg)" --argjson cores "$(nproc)" \
    --argjson sizes "$results" --argjson real "$real_json" '
    {benchmark: "import", commit: $commit, kbulk_version: $version, date: $date, cores: $cores,
     load_average: $load,
     formula: "minimum writes = per variant: 1 in a regular step, 2 scheduled to publish / published / archived, 3 published and scheduled to unpublish, +3 for a published version under a newer version; + 1 per item + 2 per asset (upload, upsert) + 1 per rendition",
     goals: {real_efficiency_min: 0.95, peak_rss_mb_max: 150, estimate_error_max: 0.10, rerun_writes: 0},
     sizes: $sizes, real_limits: $real}' >"$out"
  echo "wrote $out"
fi
