#!/usr/bin/env bash
# One bad byte in the record must not block the user's own export (issue 19): a drill is played,
# then bytes are flipped inside text values, the way a failing disk or a hand edit leaves them
# (SQLite's quick_check still passes): a turn's scoring record cut short (not JSON), a turn's
# answer and a drill's pause note with a byte that is not UTF-8, a journal entry likewise.
# `data export`, `report --format json|csv|html` and `export --xapi` must each succeed, write
# valid JSON where they write JSON, carry every intact turn, and name each damaged value on
# standard error (table, drill, turn, column); the export's own "damaged" list says the same.
set -euo pipefail
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

printf '1\n2\n1\n1\n:quit\n' | "$bin" play nadia-this-isnt-working --fixed-order --seed 3 --data-dir "$tmp/d" >/dev/null 2>&1 || true
"$bin" data export --data-dir "$tmp/d" --out "$tmp/before.json" 2>"$tmp/before.err"
! grep -q "cannot be read" "$tmp/before.err" || fail "an intact record gave warnings: $(cat "$tmp/before.err")"
python3 - "$tmp/before.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["damaged"] == [], d["damaged"]
assert len(d["drills"]) == 1 and len(d["drills"][0]["turns"]) >= 4, d["drills"]
PY

python3 - "$tmp/d/impasse.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE turns SET record = substr(record, 1, 50) WHERE idx = 1")
db.execute("UPDATE turns SET input = CAST(replace(input, 'o', X'FF') AS TEXT) WHERE idx = 2")
db.execute("UPDATE drills SET pause_note = CAST(X'6E6F7469FF6365' AS TEXT)")
db.execute("INSERT INTO journal (drill_id, node, text, created_at) VALUES "
           "(1, '', CAST(X'492066656C74C3' AS TEXT), '2026-12-04T10:00:00.000Z')")
db.commit()
assert db.execute("PRAGMA quick_check").fetchone()[0] == "ok"
PY

check_err() {  # check_err FILE WHAT: the four damaged values are named
  for want in "turn 1: record is not valid JSON" "turn 2: input is not valid UTF-8" \
    "table drills, drill .*: pause_note is not valid UTF-8" "table journal, drill .*: text is not valid UTF-8"; do
    grep -q -- "$want" "$1" || fail "$2: stderr does not name '$want': $(cat "$1")"
  done
}

"$bin" data export --data-dir "$tmp/d" --out "$tmp/after.json" 2>"$tmp/export.err" || fail "data export failed"
check_err "$tmp/export.err" "data export"
python3 - "$tmp/before.json" "$tmp/after.json" <<'PY'
import json, sys
before, after = (json.load(open(p)) for p in sys.argv[1:])
turns = after["drills"][0]["turns"]
assert len(turns) == len(before["drills"][0]["turns"]), "a turn went missing"
t1, t2 = turns[1], turns[2]
assert t1["record"] is None and "scoring record is not valid JSON" in t1["damaged"], t1
assert t2["input"] is None and "answer is not valid JSON" in t2["damaged"], t2
# The intact turns are exported as they were.
for i in (0, 3):
    assert turns[i]["record"] == before["drills"][0]["turns"][i]["record"], i
    assert "damaged" not in turns[i], turns[i]
assert "\ufffd" in after["drills"][0]["pause_note"], after["drills"][0]["pause_note"]
assert len(after["damaged"]) == 4, after["damaged"]
PY

"$bin" report --format json --data-dir "$tmp/d" >"$tmp/report.json" 2>"$tmp/report.err" || fail "report --format json failed"
check_err "$tmp/report.err" "report --format json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); t=d["drills"][0]["turns"]; assert t[1]["record"] is None and "damaged" in t[1], t[1]' "$tmp/report.json" ||
  fail "report --format json is not valid JSON or lacks the damaged note"
for fmt in csv html; do
  "$bin" report --format "$fmt" --data-dir "$tmp/d" >"$tmp/report.$fmt" 2>"$tmp/report.$fmt.err" || fail "report --format $fmt failed"
  [ -s "$tmp/report.$fmt" ] || fail "report --format $fmt wrote nothing"
  check_err "$tmp/report.$fmt.err" "report --format $fmt"
done
"$bin" export --xapi --data-dir "$tmp/d" >"$tmp/xapi.json" 2>"$tmp/xapi.err" || fail "export --xapi failed"
check_err "$tmp/xapi.err" "export --xapi"
python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); assert isinstance(s, list) and len(s) >= 4, len(s)' "$tmp/xapi.json" ||
  fail "export --xapi is not a valid statement list"
echo "damaged record: 4 damaged values named by every export; intact turns exported unchanged"
