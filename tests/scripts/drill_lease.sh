#!/usr/bin/env bash
# Two copies of Impasse on one drill (#19): while `impasse play` has a drill open, a second
# `play --resume` on the same record is refused with a clear message and exit 1, and records
# nothing; once the first copy is gone (here killed with SIGKILL, so it had no chance to tidy
# up) the lease is gone with it and the resume goes on from the answers the first one recorded.
set -euo pipefail
bin=$1
src=$2
tmp=$(mktemp -d)
holder=""
trap '[ -n "$holder" ] && kill -9 "$holder" 2>/dev/null; rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
case=$src/scenarios/cases/nadia-this-isnt-working.yaml
data=$tmp/data

# The first copy answers once, then waits for more input that only comes later.
mkfifo "$tmp/in"
"$bin" play "$case" --fixed-order --seed 3 --data-dir "$data" <"$tmp/in" >"$tmp/first.out" 2>&1 &
holder=$!
exec 3>"$tmp/in"
echo 1 >&3
record() { "$bin" data export --data-dir "$data" 2>/dev/null | grep -v '"exported_at":' || true; }
# Wait (up to about 60 s: a loaded or sanitized machine starts slowly) until the first answer is
# recorded and the record has stopped changing, so "before" is what the first copy left while it
# waits for its next answer.
before="" n=0
for _ in $(seq 300); do
  now=$(record)
  n=$(grep -c '"routed_to":' <<<"$now" || true)
  [ "${n:-0}" -ge 1 ] && [ "$now" = "$before" ] && break
  before=$now
  sleep 0.2
done
[ "${n:-0}" -ge 1 ] || fail "the first copy recorded no answer; it printed: $(cat "$tmp/first.out")"

set +e
msg=$(printf '1\n1\n' | "$bin" play --resume --data-dir "$data" 2>&1 >/dev/null)
rc=$?
set -e
[ "$rc" = 1 ] || fail "a second copy resumed an open drill (exit $rc): $msg"
grep -q "is open in another Impasse" <<<"$msg" || fail "no clear message: $msg"
[ "$(record)" = "$before" ] || fail "the refused copy changed the record"
lock=$(ls "$data"/locks/drill-*.lock)
[ "$(stat -c %a "$lock")" = 600 ] || fail "lock file mode $(stat -c %a "$lock")"
[ "$(stat -c %a "$data/locks")" = 700 ] || fail "locks folder mode $(stat -c %a "$data/locks")"

# The first copy dies without closing anything; its lease dies with it.
kill -9 "$holder"
wait "$holder" 2>/dev/null || true
holder=""
exec 3>&-
printf '1\n1\n1\n1\n1\n1\n1\n1\n' | "$bin" play --resume --data-dir "$data" >"$tmp/second.out" 2>&1 ||
  true
grep -q "is open in another Impasse" "$tmp/second.out" && fail "a dead copy's lease was kept"
after=$("$bin" data export --data-dir "$data" | grep -c '"routed_to":')
[ "$after" -gt 1 ] || fail "the resume after the first copy died recorded nothing ($after turns)"
echo "drill lease: second copy refused while the first was open; after kill -9 the resume went on ($after turns)"
