#!/usr/bin/env bash
# The batch bar (issue 17): N generated profiles (20,000 by default)
# assessed to ndjson, against a single thread that only parses the same
# files with the toml crate, in one run. The bar: at most 1.2 times the
# parse-only time on 2 cores.
#   bash benches/batch-bar.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-20000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet
cargo bench --bench parse_only --no-run --quiet 2>/dev/null
bin=target/release/senco-plan
"$bin" gen-profiles --count "$count" --dir "$work/schools" > /dev/null
# Warm the page cache so both runs read from memory.
cat "$work"/schools/*.toml > /dev/null
cargo bench --quiet --bench parse_only -- "$work/schools"
start=$(date +%s%N)
"$bin" assess "$work/schools" -f ndjson --as-of 2026-11-22 > /dev/null
end=$(date +%s%N)
echo "assess to ndjson: $count files in $(( (end - start) / 1000000 )) ms, $(nproc) cores"
