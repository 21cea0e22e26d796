#!/usr/bin/env bash
# The last resort in main: an error no command handles (here planted with
# IMPASSE_TEST_INTERNAL_ERROR, in the main thread and in a worker thread) ends the program with
# a clear message and exit status 70, not an abort (status 134), and the record is left intact.
set -uo pipefail
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
export IMPASSE_FIXED_TIME=2026-01-01T00:00:00.000Z
printf '1\n' | "$bin" play --fixed-order --data-dir "$tmp/record" nadia-this-isnt-working >/dev/null 2>&1
"$bin" data export --data-dir "$tmp/record" --out "$tmp/before.json" >/dev/null 2>&1 || fail "export before"
for where in main thread; do
  out=$(IMPASSE_TEST_INTERNAL_ERROR=$where "$bin" report --data-dir "$tmp/record" 2>&1 >/dev/null); rc=$?
  [ $rc -eq 70 ] || fail "$where: exit $rc (134 is an abort): $out"
  grep -q "^impasse: internal error: a planted error.*Your record is intact" <<<"$out" ||
    fail "$where: message: $out"
done
"$bin" data export --data-dir "$tmp/record" --out "$tmp/after.json" >/dev/null 2>&1 || fail "export after"
python3 - "$tmp/before.json" "$tmp/after.json" <<'PY' || fail "the record changed"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
for d in (a, b):
    d.pop("exported_at", None)
assert a == b and a["drills"], "record differs or is empty"
PY
echo "last resort: planted errors in the main thread and a worker end with status 70 and a message; the record is intact"
