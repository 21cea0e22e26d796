#!/usr/bin/env bash
# Copies of Impasse opening one fresh data folder at the same moment (#19) all open it: the
# schema is created once (each migration step reads the version inside its write transaction)
# and none takes the half-made record for another program's database. 20 rounds of a `play`
# that records an answer, a `data export` and a `report` started together on a new folder;
# before the fix about one round in three failed with "table drills already exists".
set -euo pipefail
bin=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
case=$src/scenarios/cases/nadia-this-isnt-working.yaml
for round in $(seq 20); do
  d=$tmp/r$round
  printf '1\n:quit\n' | timeout 60 "$bin" play "$case" --fixed-order --seed 3 --data-dir "$d" >"$tmp/play.out" 2>&1 &
  p1=$!
  timeout 60 "$bin" data export --data-dir "$d" >/dev/null 2>"$tmp/export.err" &
  p2=$!
  timeout 60 "$bin" report --format csv --data-dir "$d" >/dev/null 2>"$tmp/report.err" &
  p3=$!
  wait $p1 || fail "round $round: play failed: $(cat "$tmp/play.out")"
  wait $p2 || fail "round $round: data export failed: $(cat "$tmp/export.err")"
  wait $p3 || fail "round $round: report failed: $(cat "$tmp/report.err")"
  n=$("$bin" data export --data-dir "$d" | grep -c '"routed_to":' || true)
  [ "$n" = 1 ] || fail "round $round: the answer was recorded $n times"
done
echo "fresh folder race: 20 rounds of three copies opening a new folder at once, all opened it"
