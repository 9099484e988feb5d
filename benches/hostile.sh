#!/usr/bin/env bash
# Hostile-input benchmark (SPEC section 12): the worst inputs issue 10 found,
# each timed with its peak memory. Every one must finish in about a second
# in bounded memory; a run is cut off at 60 s and 4 GB of address space.
#   bash benches/hostile.sh            # builds and measures target/release
#   BIN=/path/to/senco-plan bash benches/hostile.sh   # another build
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -z "${BIN:-}" ]; then
  cargo build --release --quiet
  BIN=target/release/senco-plan
fi
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"

# A 1 MiB profile of unknown keys (about 111,000 problems).
python3 - "$work" <<'PY'
import sys
work = sys.argv[1]
base = open("examples/primary.toml").read()
keys, i = [], 0
size = len(base)
while size < 1024 * 1024 - 20:
    line = f"k{i} = 1\n"
    keys.append(line); size += len(line); i += 1
open(f"{work}/unknown-keys.toml", "w").write(base.replace("[whole-school]\n", "[whole-school]\n" + "".join(keys)))
short, i = ["[school]\n"], 0
while sum(map(len, short)) < 1024 * 1024 - 20:
    short.append(f"{chr(97 + i % 26)}{i // 26}=1\n"); i += 1
open(f"{work}/short-keys.toml", "w").write("".join(short))
open(f"{work}/wide.csv", "w").write(",".join("a" for i in range(200_000)) + "\n")
open(f"{work}/scenarios.toml", "w").write("".join(
    f'[[scenario]]\nname="s{i}"\nset={{"deputy.hours"=1}}\n' for i in range(20_000)))
PY

measure() {
  local label=$1; shift
  local code=0
  ( ulimit -v 4000000; exec timeout 60 /usr/bin/time -v "$@" ) > /dev/null 2> "$work/time.txt" || code=$?
  local wall rss
  wall=$(grep 'Elapsed (wall clock)' "$work/time.txt" | awk '{print $NF}')
  rss=$(grep 'Maximum resident set size' "$work/time.txt" | awk '{print $NF}')
  if [ "$code" = 124 ]; then
    echo "$label: cut off after 60 s"
  else
    echo "$label: ${wall:-?} wall, peak $(( ${rss:-0} / 1024 )) MB, exit $code"
  fi
}

eight=""
for key in deputy.hours admin.hours senco.teaching-hours senco.senco-hours \
  senco.other-duties-hours school.pupils school.sen-support school.ehcp; do
  eight="$eight --vary $key=0..999999"
done

measure "1 MiB profile of unknown keys" "$BIN" assess "$work/unknown-keys.toml"
measure "1 MiB profile of 175,000 short unknown keys" "$BIN" assess "$work/short-keys.toml"
measure "200,000-column roster header" "$BIN" assess --roster "$work/wide.csv"
measure "20,000-scenario file" "$BIN" compare examples/primary.toml --scenario-file "$work/scenarios.toml" -f ndjson
measure "assess --roster /dev/zero" "$BIN" assess --roster /dev/zero
measure "assess /dev/zero" "$BIN" assess /dev/zero
# shellcheck disable=SC2086
measure "sweep with eight --vary KEY=0..999999" "$BIN" sweep examples/primary.toml $eight
measure "sweep of 1,000,000 points to CSV" "$BIN" sweep examples/primary.toml \
  --vary senco.senco-hours=0..49.9:0.1 --vary admin.hours=0..19.99:0.01 -f csv
