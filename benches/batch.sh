#!/usr/bin/env bash
# Batch benchmark: generates N realistic profiles (100,000 by default) and a
# roster of them, then times `assess` to ndjson over the folder and over the
# roster, and one `assess` of an example as a whole process. Peak memory
# comes from /usr/bin/time -v (Debian package `time`).
#   bash benches/batch.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-100000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet
bin=target/release/senco-plan
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "generating $count profiles..."
"$bin" gen-profiles --count "$count" --dir "$work/schools" --roster "$work/roster.csv"

measure() {
  local label=$1; shift
  /usr/bin/time -v "$@" > /dev/null 2> "$work/time.txt" || true
  local wall rss
  wall=$(grep 'Elapsed (wall clock)' "$work/time.txt" | awk '{print $NF}')
  rss=$(grep 'Maximum resident set size' "$work/time.txt" | awk '{print $NF}')
  echo "$label: $wall wall, peak $((rss / 1024)) MB"
}

measure "folder of $count files -> ndjson" "$bin" assess "$work/schools" -f ndjson --as-of 2026-11-22
measure "roster of $count rows -> ndjson" "$bin" assess --roster "$work/roster.csv" -f ndjson --as-of 2026-11-22
measure "roster with --uncertainty (1,000 draws a school) -> ndjson" "$bin" assess --roster "$work/roster.csv" --uncertainty -f ndjson --as-of 2026-11-22
measure "roster, model only (--summary-only)" "$bin" assess --roster "$work/roster.csv" --summary-only --as-of 2026-11-22
# A forecast plans each school once a year ahead: timed on the first 1,000.
head -n 1001 "$work/roster.csv" > "$work/roster-1000.csv"
measure "1,000 rows with --forecast 3 (--summary-only)" "$bin" assess --roster "$work/roster-1000.csv" --forecast 3 --summary-only --as-of 2026-11-22
start=$(date +%s%N)
for _ in $(seq 100); do "$bin" assess examples/primary.toml > /dev/null; done
end=$(date +%s%N)
echo "one assess of examples/primary.toml, whole process: $(( (end - start) / 100000 )) us on average over 100 runs"
