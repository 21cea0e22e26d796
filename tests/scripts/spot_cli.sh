#!/usr/bin/env bash
# `impasse spot`: the sheet hides the key, a perfect answer (worked out here from the YAML,
# independently of the engine) scores kappa 1, an empty answer misses everything, bad flag
# lines are errors naming the line (exit 2), the JSON has the documented keys, and a recorded
# drill's transcript gives the lines that were actually seen.
set -euo pipefail
bin=$1
src=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
export IMPASSE_DATA_ROOT=$src
fail() { echo "FAIL: $*"; exit 1; }
case_id=nadia-this-isnt-working
case_file=$src/scenarios/cases/$case_id.yaml

# The answer key along the expert path, from the YAML itself.
python3 - "$case_file" >"$out/key.txt" <<'PY'
import sys, yaml
d = yaml.safe_load(open(sys.argv[1]))
name, turn = d["start"], 1
while True:
    node = d["nodes"][name]
    for m in node.get("markers", []):
        print(turn, m["id"])
    if "ending" in node:
        break
    name = [r for r in node["responses"] if r.get("expert")][0]["next"]
    turn += 1
print("# turns", turn)
PY
turns=$(sed -n 's/^# turns //p' "$out/key.txt")
[ "$turns" -gt 3 ] || fail "the key walk found only $turns turns"
grep -v '^#' "$out/key.txt" >"$out/perfect.txt"
markers=$(wc -l <"$out/perfect.txt")

# The sheet: every turn numbered, no marker revealed before the legend.
"$bin" spot "$case_id" --sheet >"$out/sheet.txt"
for i in $(seq 1 "$turns"); do
  grep -qE "^ *$i  Nadia[^:]*: \"" "$out/sheet.txt" || fail "turn $i missing from the sheet"
done
grep -qE "^ *$((turns + 1))  " "$out/sheet.txt" && fail "the sheet has more than $turns turns"
sed '/^Marker ids:/,$d' "$out/sheet.txt" >"$out/turns-only.txt"
grep -qE "(withdrawal|confrontation)\.[a-z_]+" <(grep -v 'e.g.' "$out/turns-only.txt") &&
  fail "the sheet reveals a marker id"
grep -q "withdrawal.minimal_response" "$out/sheet.txt" || fail "no marker legend"
"$bin" spot "$case_id" --sheet --json >"$out/sheet.json"
python3 - "$out/sheet.json" "$turns" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
assert len(s["turns"]) == int(sys.argv[2]), len(s["turns"])
assert [t["turn"] for t in s["turns"]] == list(range(1, len(s["turns"]) + 1))
for t in s["turns"]:
    assert "markers" not in t and "stage" not in t, t
    assert t["patient"]
PY

# --key prints exactly the key worked out above (plus `none` lines and comments).
"$bin" spot "$case_file" --key | grep -v '^#' | grep -v ' none$' | sed 's/ *#.*//' \
  | sort >"$out/key-cli.txt"
sort "$out/perfect.txt" | diff - "$out/key-cli.txt" || fail "--key differs from the YAML's key"

# A perfect answer: kappa 1, no misses, no false alarms; readable and JSON.
"$bin" spot "$case_id" --flags "$out/perfect.txt" >"$out/perfect.out"
grep -q "✓" "$out/perfect.out" || fail "no hits shown"
grep -q "✗" "$out/perfect.out" && fail "a perfect answer shows a miss"
grep -q "^Marker kappa: *1.00, almost perfect agreement" "$out/perfect.out" ||
  fail "perfect answer: no kappa 1.00 line"
"$bin" spot "$case_id" --json --flags - <"$out/perfect.txt" >"$out/perfect.json"
python3 - "$out/perfect.json" "$markers" "$turns" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
markers, turns = int(sys.argv[2]), int(sys.argv[3])
assert set(r) == {"scenario", "title", "source", "turns", "totals", "per_marker", "confusion",
                  "kappa", "detection"}, sorted(r)
assert r["scenario"] == "nadia-this-isnt-working" and r["source"] == "main_path"
assert r["totals"] == {"turns": turns, "hits": markers, "misses": 0, "false_alarms": 0,
                       "correct_rejections": turns - markers}, r["totals"]
assert r["kappa"]["value"] == 1.0 and r["kappa"]["band"] == "almost perfect", r["kappa"]
assert set(r["kappa"]) == {"value", "band", "observed_agreement", "expected_agreement", "n"}
assert r["detection"]["sensitivity"] == 1.0 and r["detection"]["specificity"] == 1.0
assert r["detection"]["kappa"]["value"] == 1.0
assert set(r["detection"]) == {"true_positive", "false_negative", "false_positive",
                               "true_negative", "sensitivity", "specificity", "kappa"}
for t in r["turns"]:
    assert set(t) == {"turn", "node", "expected", "flagged", "hits", "misses", "false_alarms",
                      "pairs"}, t
    assert t["expected"] == t["flagged"] == t["hits"]
for m in r["per_marker"]:
    assert set(m) == {"marker", "expected", "flagged", "hits", "misses", "false_alarms"}
    assert m["hits"] == m["expected"] and m["false_alarms"] == 0
cats = r["confusion"]["categories"]
assert cats[0] == "none" and len(r["confusion"]["counts"]) == len(cats)
assert sum(r["confusion"]["counts"][i][i] for i in range(len(cats))) == r["kappa"]["n"]
PY

# An empty answer (only comments and blank lines): every marker missed, kappa 0.
printf '# nothing seen\n\n   \n' | "$bin" spot "$case_id" --json >"$out/empty.json"
python3 - "$out/empty.json" "$markers" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["totals"]["hits"] == 0 and r["totals"]["misses"] == int(sys.argv[2]), r["totals"]
assert r["detection"]["sensitivity"] == 0.0 and r["detection"]["specificity"] == 1.0
assert abs(r["kappa"]["value"]) < 1e-12, r["kappa"]
PY
"$bin" spot "$case_id" --flags - </dev/null >"$out/empty.txt"
grep -q "✗ missed" "$out/empty.txt" || fail "empty answer: misses not shown"
grep -q "sensitivity 0% (0 of $markers)" "$out/empty.txt" || fail "empty answer: sensitivity"

# One wrong flag: a false alarm is shown with its label.
printf '2 withdrawal.denial\n' >"$out/one.txt"
"$bin" spot "$case_id" --flags "$out/one.txt" | grep -q "! false alarm: Denial" ||
  fail "false alarm not shown"

# Bad lines: exit 2, an error naming the file and line.
expect_error() {  # FLAGS_TEXT PATTERN
  printf '%b' "$1" >"$out/bad.txt"
  set +e
  "$bin" spot "$case_id" --flags "$out/bad.txt" >"$out/bad.out" 2>"$out/bad.err"
  rc=$?
  set -e
  [ "$rc" = 2 ] || fail "expected exit 2 for '$1', got $rc"
  grep -q -- "$2" "$out/bad.err" || { cat "$out/bad.err"; fail "no '$2' for '$1'"; }
  [ -s "$out/bad.out" ] && fail "output despite a bad line"
  return 0
}
expect_error '1 confrontation.complaint_about_progress\n# ok\n3 withdrawal.sulking\n' \
  "bad.txt:3:3: error: 'withdrawal.sulking' is not a marker id"
expect_error '1 minimal_response\n' "did you mean 'withdrawal.minimal_response'"
expect_error '\n\nthree withdrawal.denial\n' "bad.txt:3:1: error: the turn must be"
expect_error '2\n' "bad.txt:1:1: error: turn 2 has no marker id"
expect_error '1 withdrawal.denial confrontation.defends_self\n' "one flag per line"
expect_error '1 withdrawal.denial\n99 withdrawal.denial\n' "bad.txt:2:1: error: turn 99 is not on the sheet"
expect_error '4 none\n4 withdrawal.denial\n' "IMP1205"

# Usage errors.
set +e
"$bin" spot "$case_id" --flags "$out/no-such-file" >/dev/null 2>"$out/err.txt"
[ $? = 2 ] || fail "a missing flags file is not exit 2"
"$bin" spot no-such-scenario --sheet >/dev/null 2>&1
[ $? = 2 ] || fail "an unknown scenario is not exit 2"
"$bin" spot "$case_id" --sheet --flags "$out/perfect.txt" >/dev/null 2>&1
[ $? = 2 ] || fail "--sheet with --flags is not a usage error"
set -e
grep -q "cannot read flags file" "$out/err.txt" || fail "missing file message"

# A moment: one turn.
"$bin" spot moment-c2-you-just-nod --sheet --json | python3 -c '
import json, sys
s = json.load(sys.stdin)
assert s["source"] == "moment" and len(s["turns"]) == 1, s'

# A recorded drill: the sheet is the lines the trainee saw (the transcript's turns, then its
# current line), and its key is the markers recorded with them.
printf '1\n1\n:quit\n' |
  "$bin" play "$case_id" --seed 2 --no-record --transcript "$out/t.json" >/dev/null
"$bin" spot --transcript "$out/t.json" --sheet --json >"$out/t-sheet.json"
"$bin" spot --transcript "$out/t.json" --key --json >"$out/t-key.json"
python3 - "$out/t.json" "$out/t-sheet.json" "$out/t-key.json" <<'PY'
import json, sys
t, s, k = (json.load(open(p)) for p in sys.argv[1:])
assert s["source"] == "transcript", s["source"]
seen = [x["patient"] for x in t["turns"]] + [t["current"]["patient"]]
assert [x["patient"] for x in s["turns"]] == seen, "the sheet is not the lines seen"
for rec, key in zip(t["turns"], k["turns"]):
    assert [m["id"] for m in rec["markers"]] == [m["id"] for m in key["markers"]], key
PY
"$bin" spot --transcript "$out/t.json" --key >"$out/t-key.txt"
"$bin" spot --transcript "$out/t.json" --json --flags "$out/t-key.txt" | python3 -c '
import json, sys
r = json.load(sys.stdin)
assert r["totals"]["misses"] == 0 and r["totals"]["false_alarms"] == 0, r["totals"]'

echo "spot_cli: ok"
