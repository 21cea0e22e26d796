#!/usr/bin/env bash
# The workshop's audience server under load (scripts/bench): `impasse workshop serve` on
# loopback, then tests/scripts/workshop_load.py with one phone (the floor: a request with
# nobody else in the room) and with 300 phones voting and changing their votes at once while
# the presenter opens and closes voting. Prints each run's request count and latencies.
# Usage: audience_load.sh IMPASSE_BINARY SOURCE_DIR
set -euo pipefail
bin=$1
src=$2
work=$(mktemp -d)
pid=""
trap '[[ -n $pid ]] && kill $pid 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
for phones in 1 300; do
  "$bin" workshop serve nadia-this-isnt-working --port 0 >"$work/out" 2>"$work/err" &
  pid=$!
  for _ in $(seq 100); do grep -q '^presenter-token' "$work/out" && break; sleep 0.05; done
  port=$(sed -n 's/^port: //p' "$work/out")
  room=$(sed -n 's/^room: //p' "$work/out")
  token=$(sed -n 's/^presenter-token: //p' "$work/out")
  LOAD_PHONES=$phones python3 "$src/tests/scripts/workshop_load.py" "$port" "$room" "$token" |
    grep '^load:'
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  pid=""
done
