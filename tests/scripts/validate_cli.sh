#!/usr/bin/env bash
# `impasse validate`: exit 0 without errors (warnings allowed), 1 with errors, 2 on a usage
# error; compiler-style lines; --format json gives exactly six fields per diagnostic.
set -uo pipefail
bin=$1
src=$2
data=$src/tests/data/scenarios
fail() { echo "FAIL: $*"; exit 1; }

"$bin" validate "$data/good/small-case.yaml" > /dev/null 2>&1; [ $? -eq 0 ] || fail "a good file should exit 0"
"$bin" validate "$data/bad/IMP0402-unreachable.yaml" > /dev/null 2>&1; [ $? -eq 0 ] || fail "warnings only should exit 0"
out=$("$bin" validate "$data/bad/IMP0201-unknown-marker.yaml" 2>/dev/null); rc=$?
[ $rc -eq 1 ] || fail "an error should exit 1, got $rc"
grep -qE '^.*IMP0201-unknown-marker.yaml:[0-9]+:[0-9]+: error: unknown marker .*\[IMP0201\]$' <<<"$out" || fail "text form: $out"
"$bin" validate /no/such/path > /dev/null 2>&1; [ $? -eq 2 ] || fail "a missing path should exit 2"
"$bin" validate --format yaml "$data/good" > /dev/null 2>&1; [ $? -eq 2 ] || fail "a bad option should exit 2"
json=$("$bin" validate --format json "$data/bad" 2>/dev/null); rc=$?
[ $rc -eq 1 ] || fail "json run should exit 1"
if command -v python3 >/dev/null; then
  python3 - "$json" <<'PY' || fail "json shape"
import json, sys
items = json.loads(sys.argv[1])
assert len(items) >= 27, len(items)
for d in items:
    assert set(d) == {"file", "line", "column", "severity", "code", "message"}, d
    assert isinstance(d["line"], int) and d["line"] >= 1 and d["column"] >= 1
    assert d["severity"] in ("error", "warning", "note")
PY
fi
"$bin" validate "$src/scenarios" > /dev/null 2>&1 || fail "the bundled library should validate"
# A folder with no scenario files is an error, not a clean library.
empty=$(mktemp -d)
set +e; msg=$("$bin" validate "$empty" 2>&1); rc=$?; set -e
rmdir "$empty"
[ $rc -eq 1 ] || fail "an empty folder should exit 1, got $rc"
grep -q "no scenario files" <<<"$msg" || fail "empty folder message: $msg"
echo "validate cli ok"
