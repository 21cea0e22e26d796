#!/usr/bin/env bash
# `impasse workshop serve` against a hostile room, on loopback only (workshop_hostile.py has the
# clients: tricklers, idle sockets, oversized chunked bodies, endless request lines and headers,
# voter-id hoarding, a rebinding Host header, blank answers), checking that a phone's vote
# still answers within a second and that the server's memory stays small.
# Usage: workshop_hostile.sh IMPASSE_BINARY SOURCE_DIR
set -euo pipefail
bin=$1
src=$2
work=$(mktemp -d)
pid=""
cleanup() {
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then kill -9 "$pid"; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; echo "--- server stdout"; cat "$work/out" || true; echo "--- stderr"; cat "$work/err" || true; exit 1; }

"$bin" workshop serve nadia-this-isnt-working --port 0 >"$work/out" 2>"$work/err" &
pid=$!
for _ in $(seq 100); do grep -q '^presenter-token:' "$work/out" 2>/dev/null && break; sleep 0.1; done
port=$(awk '/^port:/{print $2}' "$work/out")
room=$(awk '/^room:/{print $2}' "$work/out")
token=$(awk '/^presenter-token:/{print $2}' "$work/out")
[[ -n "$port" && -n "$room" && ${#token} -eq 32 ]] || fail "no port/room/token printed"

python3 "$src/tests/scripts/workshop_hostile.py" "$pid" "$port" "$room" "$token" || fail "hostile room"

kill -TERM "$pid"
rc=0; wait "$pid" || rc=$?
pid=""
[[ $rc -eq 0 ]] || fail "exit code $rc after SIGTERM"
echo "workshop_hostile: OK"
