#!/usr/bin/env bash
# Exporter benchmark: `kbulk export` against `kbulk emulator` seeded with synthetic environments of several
# sizes. Reports API requests vs the minimum that page sizes imply, duration, peak RSS, and (at the smallest
# size) the efficiency under the real rate limits. Prints a table and writes JSON (see benchmarks/README.md).
set -euo pipefail
shopt -s inherit_errexit

usage() {
  cat <<'EOF'
usage: benchmarks/export/run.sh [options]
  --kbulk PATH       the kbulk program (default: build/release/cli/kbulk)
  --sizes N,N,...    variants per environment (default 1000,10000,100000)
  --languages L      languages per environment; items = variants / L (default 2)
  --assets N         assets per environment (default: variants / 20)
  --asset-kb K       size of every asset binary in KiB (default 16); 1 GB: --assets 1024 --asset-kb 1024
  --page-size N      the emulator's list page size (default 100, as the service)
  --no-real          skip the run with real rate limits (it takes 20 s - minutes)
  --real-variants N  variants for the real-limit run (default: the smallest size)
  --nightly N        also measure the nightly incremental backup of an unchanged N-variant environment at
                     the real limits (a base made with limits off, then `--base` it with limits on), once
                     without added latency and once with --latency-ms (minutes at 100,000 variants)
  --latency-ms MS    the latency of the --nightly run's second measurement (default 200)
  --workdir DIR      scratch directory (default $TMPDIR/kbulk-export-bench)
  --out FILE         write the results as JSON
  --commit SHA       the commit the kbulk program was built from (default: git rev-parse HEAD)
EOF
}

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
kbulk="$root/build/release/cli/kbulk"
sizes="1000,10000,100000"
languages=2
assets=""
asset_kb=16
page=100
real=1
real_variants=""
nightly=""
latency_ms=200
workdir="${TMPDIR:-/tmp}/kbulk-export-bench"
out=""
commit=""
while [ $# -gt 0 ]; do
  case "$1" in
    --kbulk) kbulk=$2; shift 2 ;;
    --sizes) sizes=$2; shift 2 ;;
    --languages) languages=$2; shift 2 ;;
    --assets) assets=$2; shift 2 ;;
    --asset-kb) asset_kb=$2; shift 2 ;;
    --page-size) page=$2; shift 2 ;;
    --no-real) real=0; shift ;;
    --real-variants) real_variants=$2; shift 2 ;;
    --nightly) nightly=$2; shift 2 ;;
    --latency-ms) latency_ms=$2; shift 2 ;;
    --workdir) workdir=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --commit) commit=$2; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done
for tool in jq curl /usr/bin/time; do
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

# Starts the emulator on a free loopback port; sets base_url, origin, api_key, environment_id.
start_emulator() {  # seed rate_limit [latency_ms]
  rm -f "$workdir/ready.json"
  "$kbulk" emulator --listen 127.0.0.1:0 --ready-file "$workdir/ready.json" --quiet --seed "$1" \
    --rate-limit "$2" --latency-ms "${3:-0}" --page-size "$page" >"$workdir/emulator.log" 2>&1 &
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
  environment_id=$(jq -r '.environments[0].id' "$workdir/ready.json")
}

# One export; prints a JSON record {summary, emulator, peak_rss_kb, wall_ms}.
run_export() {  # client_rate_limit [extra export args...]
  local rate=$1
  shift
  curl -sf -X POST -d '' "$origin/_emulator/stats/reset" >/dev/null
  rm -f "$workdir/export.kbulk"
  local t0 t1
  t0=$(date +%s%N)
  if ! KONTENT_API_KEY="$api_key" /usr/bin/time -v -o "$workdir/time.txt" "$kbulk" export --json --quiet \
    --base-url "$base_url" --environment-id "$environment_id" --rate-limit "$rate" -o "$workdir/export.kbulk" \
    "$@" >"$workdir/summary.json" 2>"$workdir/export.err"; then
    echo "run.sh: kbulk export failed:" >&2
    cat "$workdir/export.err" "$workdir/summary.json" >&2
    exit 1
  fi
  t1=$(date +%s%N)
  local rss
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): *//p' "$workdir/time.txt")
  curl -sf "$origin/_emulator/stats" >"$workdir/stats.json"
  jq -n --slurpfile s "$workdir/summary.json" --slurpfile e "$workdir/stats.json" \
    --argjson rss "$rss" --argjson wall $(((t1 - t0) / 1000000)) \
    '{summary: $s[0], emulator: $e[0], peak_rss_kb: $rss, wall_ms: $wall}'
}

# Gives `n` variants whose latest version is published a new version (through the API, counted apart).
change_variants() {  # n
  local published_steps
  published_steps=$(tar --zstd -xOf "$workdir/base.kbulk" model/workflows.ndjson | jq -c '[.published_step.id]' |
    jq -sc 'add')
  tar --zstd -xOf "$workdir/base.kbulk" content/variants.ndjson |
    jq -r --argjson steps "$published_steps" 'select(.kbulk.version == "latest")
      | .variant | select(.workflow.step_identifier.id as $s | $steps | index($s))
      | "\(.item.id)/variants/\(.language.id)"' | awk -v n="$1" 'NR <= n' |
    while read -r route; do
      curl -sS --fail -X PUT -d "" -H "Authorization: Bearer $api_key" -H "Content-Type: application/json" \
        "$base_url/projects/$environment_id/items/$route/new-version" >/dev/null
    done
}

# The minimum number of API requests for a synthetic environment (see the formula in README.md).
# Every list costs max(1, ceil(n / page)); unpaginated routes cost 1.
minimum_json() {  # items languages assets
  local items=$1 langs=$2 nassets=$3
  jq -n --argjson items "$items" --argjson langs "$langs" --argjson assets "$nassets" --argjson page "$page" '
    def pages(n): if n <= 0 then 1 else ((n + $page - 1) / $page | floor) end;
    def count_mod8(set): [range(0; 8) | select(. as $r | set | index($r))
                          | ($items / 8 | floor) + (if . < ($items % 8) then 1 else 0 end)] | add;
    ($items * $langs) as $variants |
    # synthetic model: languages, 1 taxonomy group, 0 snippets, 2 types (article, component) are paginated;
    # collections, spaces, folders, workflows, roles, webhooks, legacy webhooks, preview configuration and
    # Web Spotlight are one request each.
    (1 + pages($langs) + pages(1) + pages(0) + pages(2) + 9) as $model |
    {
      model: $model,
      assets: pages($assets),
      renditions: 0,
      items: pages($items),
      variants: pages($variants),
      draft_variants: ($langs * count_mod8([0, 1, 2, 3, 4, 6])),
      published_behind_draft: ($langs * count_mod8([6]))
    } | . + {
      without_published: (.model + .assets + .renditions + .items + .variants),
    } | . + {
      with_published: (.without_published + .draft_variants),
      oracle: (.without_published + .published_behind_draft)
    }'
}

IFS=',' read -r -a size_list <<<"$sizes"
[ -n "$commit" ] || commit=$(git -C "$root" rev-parse HEAD 2>/dev/null || echo unknown)
version=$("$kbulk" --version)
results="[]"
printf '%-8s %-8s %-7s %-11s %8s %8s %8s %7s %7s %8s %8s %7s %9s %9s\n' variants items assets mode requests \
  emulator minimum ratio oracle dur_s wall_s rss_MB published real_min
for variants in "${size_list[@]}"; do
  items=$((variants / languages))
  nassets=${assets:-$((variants / 20))}
  seed="synthetic:items=$items,languages=$languages,assets=$nassets,asset_kb=$asset_kb,seed=1"
  start_emulator "$seed" off
  min=$(minimum_json "$items" "$languages" "$nassets")
  record=$(jq -n --argjson v "$variants" --argjson i "$items" --argjson l "$languages" --argjson a "$nassets" \
    --argjson k "$asset_kb" --arg seed "$seed" --argjson min "$min" \
    '{variants: $v, items: $i, languages: $l, assets: $a, asset_kb: $k, seed: $seed, minimum: $min, runs: {}}')
  # incremental: `--base` the full export of the same (unchanged) environment (docs/export.md).
  # incremental_1pct: the same base after 1 % of the variants got a new version (published variants only:
  # the route refuses others), so each of them needs a probe again.
  for mode in full latest_only incremental incremental_1pct; do
    extra=()
    [ "$mode" = latest_only ] && extra=(--latest-only)
    [ "$mode" = incremental ] && extra=(--base "$workdir/base.kbulk")
    if [ "$mode" = incremental_1pct ]; then
      extra=(--base "$workdir/base.kbulk")
      change_variants $((variants / 100))
    fi
    r=$(run_export off "${extra[@]}")
    [ "$mode" = full ] && cp "$workdir/export.kbulk" "$workdir/base.kbulk"
    r=$(jq --argjson min "$min" --arg mode "$mode" '
      . + {emulator_api_requests: (.emulator.reads + .emulator.writes)}
      | .summary.requests.api_requests as $n
      | . + {real_limit_minutes_computed: ((60 * ((($n - 1) / 400) | floor) + (((($n - 1) % 400) / 10) | floor)) / 60)}
      | . + {minimum: (if $mode == "full" then $min.with_published else $min.without_published end)}
      | . + {ratio: (.summary.requests.api_requests / .minimum),
             ratio_oracle: (if $mode == "full" then .summary.requests.api_requests / $min.oracle else null end)}' \
      <<<"$r")
    record=$(jq --arg mode "$mode" --argjson r "$r" '.runs[$mode] = $r' <<<"$record")
    jq -r --argjson v "$variants" --argjson i "$items" --argjson a "$nassets" --arg mode "$mode" \
      '[$v, $i, $a, $mode, .summary.requests.api_requests, .emulator_api_requests, .minimum,
        (.ratio * 1000 | round / 1000), (if .ratio_oracle then (.ratio_oracle * 1000 | round / 1000) else "-" end),
        (.summary.duration_ms / 1000), (.wall_ms / 1000), (.peak_rss_kb / 1024 | round), .summary.published_requests,
        (.real_limit_minutes_computed * 10 | round / 10)]
       | @tsv' <<<"$r" | awk -F'\t' '{printf "%-8s %-8s %-7s %-11s %8s %8s %8s %7s %7s %8s %8s %7s %9s %9s\n",
         $1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14}'
  done
  stop_emulator
  results=$(jq --argjson r "$record" '. + [$r]' <<<"$results")
done

# Real limits on both sides: the emulator enforces 10/s and 400/min (sliding windows) and the client paces
# itself with its defaults. Ideal time for N requests under both windows: every full 400 costs a minute,
# the remainder r goes at 10 per second: 60 * floor((N-1)/400) + floor(((N-1) mod 400) / 10) seconds until
# the last request may start.
real_json="null"
if [ "$real" = 1 ]; then
  variants=${real_variants:-${size_list[0]}}
  items=$((variants / languages))
  nassets=${assets:-$((variants / 20))}
  seed="synthetic:items=$items,languages=$languages,assets=$nassets,asset_kb=$asset_kb,seed=1"
  start_emulator "$seed" real
  r=$(run_export "10/s,400/min")
  stop_emulator
  real_json=$(jq --argjson v "$variants" --arg seed "$seed" '
    .summary.requests.api_requests as $n
    | (.summary.duration_ms / 1000) as $t
    | (60 * ((($n - 1) / 400) | floor) + (((($n - 1) % 400) / 10) | floor)) as $ideal
    | . + {variants: $v, seed: $seed, requests: $n, duration_s: $t, ideal_s: $ideal,
           requests_per_minute: ($n / $t * 60),
           efficiency_vs_400_per_minute: ($n / $t * 60 / 400),
           efficiency_vs_ideal: (if $t > 0 then ([$ideal, 1] | max) / $t else null end)}' <<<"$r")
  jq -r '"real limits, \(.variants) variants: \(.requests) requests in \(.duration_s) s (ideal \(.ideal_s) s):
  \(.requests_per_minute * 10 | round / 10) requests/min = \(.efficiency_vs_400_per_minute * 1000 | round / 10) % of 400/min, \(.efficiency_vs_ideal * 1000 | round / 10) % of ideal; 429s seen by the client: \(.summary.requests.rate_limited), by the emulator: \(.emulator.rate_limited); peak RSS \(.peak_rss_kb / 1024 | round) MB"' \
    <<<"$real_json"
fi

# The nightly backup: an unchanged environment exported with `--base` last night's full archive, at the
# real limits on both sides, with and without added latency (the base itself is made with limits off).
nightly_json="null"
if [ -n "$nightly" ]; then
  items=$((nightly / languages))
  nassets=${assets:-$((nightly / 20))}
  seed="synthetic:items=$items,languages=$languages,assets=$nassets,asset_kb=$asset_kb,seed=1"
  start_emulator "$seed" off
  full=$(run_export off)
  cp "$workdir/export.kbulk" "$workdir/nightly-base.kbulk"
  stop_emulator
  nightly_json=$(jq -n --argjson v "$nightly" --arg seed "$seed" --argjson full "$full" \
    '{variants: $v, seed: $seed, full_requests: $full.summary.requests.api_requests, runs: []}')
  for latency in 0 "$latency_ms"; do
    start_emulator "$seed" real "$latency"
    r=$(run_export "10/s,400/min" --base "$workdir/nightly-base.kbulk")
    stop_emulator
    nightly_json=$(jq --argjson r "$r" --argjson l "$latency" '
      ($r.summary.requests.api_requests) as $n
      | .runs += [{latency_ms: $l, requests: $n, minutes: ($r.wall_ms / 60000),
                   ideal_minutes: ((60 * ((($n - 1) / 400) | floor) + (((($n - 1) % 400) / 10) | floor)) / 60),
                   rate_limited_client: $r.summary.requests.rate_limited, peak_rss_kb: $r.peak_rss_kb}]' \
      <<<"$nightly_json")
  done
  jq -r '"nightly backup, \(.variants) variants unchanged: full = \(.full_requests) requests (\(((60 * (((.full_requests - 1) / 400) | floor) + ((((.full_requests - 1) % 400) / 10) | floor)) / 60 * 10 | round) / 10) min at the real limits, computed)",
         (.runs[] | "  incremental, \(.latency_ms) ms latency: \(.requests) requests in \(.minutes * 100 | round / 100) min (ideal \(.ideal_minutes * 100 | round / 100) min), peak RSS \(.peak_rss_kb / 1024 | round) MB")' \
    <<<"$nightly_json"
fi

echo "minimum = 1 environment + model lists (each max(1, ceil(n/$page)); 9 unpaginated) + ceil(assets/$page)"
echo "  + renditions (1 per image asset; synthetic assets are not images) + ceil(items/$page)"
echo "  + ceil(variants_of_type/$page) per type with items + 1 per variant in a draft step (not --latest-only)"
echo "oracle = the same with 1 per variant that really has a published version behind its draft"
echo "incremental = --base the full export of the unchanged environment: its minimum is the listing alone"
echo "incremental_1pct = the same base after 1 % of the variants (published ones) got a new version"
echo "real_min = minutes at the real limits (10/s, 400/min) computed from the request count, latency aside"

if [ -n "$out" ]; then
  jq -n --arg commit "$commit" --arg version "$version" --arg date "$(date -u +%FT%TZ)" \
    --arg load "$(cut -d' ' -f1-3 /proc/loadavg)" --argjson cores "$(nproc)" --argjson page "$page" \
    --argjson sizes "$results" --argjson real "$real_json" --argjson nightly "$nightly_json" '
    {benchmark: "export", commit: $commit, kbulk_version: $version, date: $date, cores: $cores,
     load_average: $load, page_size: $page,
     formula: "minimum = 1 (environment) + sum over model lists max(1, ceil(n/page)) (languages, taxonomies, snippets, types paginated; collections, spaces, folders, workflows, roles, webhooks, preview configuration 1 each) + max(1, ceil(assets/page)) + 1 per image asset (renditions) + max(1, ceil(items/page)) + sum over types with items ceil(variants_of_type/page) + [1 per variant in a draft step, unless --latest-only]; oracle: 1 per variant with a published version behind its draft instead",
     goals: {requests_ratio_max: 1.05, real_efficiency_min: 0.95, peak_rss_mb_max: 150},
     sizes: $sizes, real_limits: $real, nightly: $nightly}' >"$out"
  echo "wrote $out"
fi
