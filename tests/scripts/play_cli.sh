#!/usr/bin/env bash
# `impasse play` through a pipe: exit 0 at an ending, transcripts written also on :quit and at
# the end of input, --json events one per line, one-line messages for a bad number or an empty
# line; `impasse replay` says identical (0) or where a changed scenario diverges (1).
set -euo pipefail
bin=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export IMPASSE_FIXED_TIME=2026-01-01T00:00:00.000Z
case=$src/tests/golden/confrontation-rewind/scenario.yaml
fail() { echo "FAIL: $*"; exit 1; }

# Played to an ending: exit 0, and the transcript replays identically.
out=$(printf '9\n\n1\n:back\n2\n1\n1\n1\n1\n1\n' |
    "$bin" play "$case" --fixed-order --seed 4 --data-dir "$tmp/d" --transcript "$tmp/t.json")
echo "$out" | grep -q "There is no option 9; choose 1 to 2." || fail "no message for option 9"
echo "$out" | grep -q "Type an option number" || fail "no message for an empty line"
echo "$out" | grep -q "(rewound one turn)" || fail "no rewind"
echo "$out" | grep -q "== Resolved ==" || fail "no ending shown"
grep -q '"kind": "resolved"' "$tmp/t.json" || fail "ending not in the transcript"
grep -q '"timestamp": "2026-01-01T00:00:00.000Z"' "$tmp/t.json" || fail "fixed time not used"
[ "$("$bin" replay "$tmp/t.json" --scenario "$case")" = identical ] || fail "replay not identical"

# Quit early and input ending early both write the transcript.
printf '1\n:quit\n' | "$bin" play "$case" --fixed-order --data-dir "$tmp/d" --transcript "$tmp/q.json" >/dev/null ||
    fail ":quit should exit 0"
grep -q '"ending": null' "$tmp/q.json" || fail "quit transcript"
set +e
printf '2\n' | "$bin" play "$case" --fixed-order --data-dir "$tmp/d" --transcript "$tmp/e.json" >/dev/null
rc=$?
set -e
[ $rc -eq 3 ] || fail "input ending before an ending should exit 3, got $rc"
grep -q '"response": "invite"' "$tmp/e.json" || fail "transcript at end of input"

# --json: every output line is one JSON object with an event.
printf '2\nCan you say more about what you expected?\n1\n1\n1\n1\n1\n1\n' |
    "$bin" play "$case" --fixed-order --json --data-dir "$tmp/d" >"$tmp/events.jsonl"
python3 - "$tmp/events.jsonl" <<'PY'
import json, sys
events = [json.loads(line) for line in open(sys.argv[1])]
kinds = [e["event"] for e in events]
assert kinds[0] == "moment" and kinds[-1] == "end", kinds
assert "turn" in kinds
typed = [e["turn"] for e in events if e["event"] == "turn" and e["turn"]["input"]["kind"] == "text"]
assert typed and typed[0]["routed_to"], typed
PY

# Text that is not UTF-8 gets a message, not a crash, and the drill goes on.
out=$(printf '\xe9t\xe9 hello\n:quit\n' |
    "$bin" play "$case" --fixed-order --json --data-dir "$tmp/d" --transcript "$tmp/l.json")
echo "$out" | grep -q "not valid UTF-8" || fail "no message for Latin-1 input"
grep -q '"turns": \[\]' "$tmp/l.json" || fail "Latin-1 transcript"

# Without --fixed-order the options are shuffled by the seed: the number keys follow the shown
# order, the transcript records it, and replay reproduces it.
for seed in 1 2 3 4 5 6; do
  printf '1\n1\n1\n1\n1\n1\n' | "$bin" play "$case" --seed $seed --no-record \
      --transcript "$tmp/s$seed.json" >"$tmp/s$seed.txt" || true
  grep -q '"option_order": "shuffled"' "$tmp/s$seed.json" || fail "shuffled order not recorded"
  [ "$("$bin" replay "$tmp/s$seed.json" --scenario "$case")" = identical ] ||
      fail "a shuffled drill does not replay identically (seed $seed)"
done
python3 - "$tmp" <<'PY'
import json, sys
firsts = set()
for seed in range(1, 7):
    t = json.load(open(f"{sys.argv[1]}/s{seed}.json"))
    turn = t["turns"][0]
    # Option 1 was pressed: the response taken is the first one shown.
    assert turn["input"]["response"] == turn["options"][0], turn
    firsts.add(turn["options"][0])
assert len(firsts) > 1, f"six seeds showed the same first option: {firsts}"
PY

# A shuffled drill interrupted and resumed shows the same order and ends as an uninterrupted one.
printf '1\n1\n1\n1\n1\n1\n' | "$bin" play "$case" --seed 9 --no-record --transcript "$tmp/whole.json" >/dev/null || true
printf '1\n' | "$bin" play "$case" --seed 9 --data-dir "$tmp/r" >/dev/null 2>&1 || true
printf '1\n1\n1\n1\n1\n' | "$bin" play "$case" --resume --data-dir "$tmp/r" --transcript "$tmp/resumed.json" >/dev/null || true
python3 - "$tmp/whole.json" "$tmp/resumed.json" <<'PY' || fail "a resumed shuffled drill differs from an uninterrupted one"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
strip = lambda t: [{k: v for k, v in x.items() if k != "timestamp"} for x in t["turns"]]
assert b["option_order"] == "shuffled", b["option_order"]
assert strip(a) == strip(b), "turns differ"
PY

# A case whose conditions all fail at run time (undecidable for the validator): the drill ends
# with a message naming the node and exit 4, never a prompt with no way on.
python3 - "$case" "$tmp/stuck.yaml" <<'PY'
import sys, yaml
d = yaml.safe_load(open(sys.argv[1]))
d.setdefault("initial", {}).setdefault("vars", {})["open"] = False
start = d["nodes"][d["start"]]
for r in start["responses"]:
    r["condition"] = "vars.open"
yaml.safe_dump(d, open(sys.argv[2], "w"), sort_keys=False, allow_unicode=True)
PY
set +e
msg=$(printf '1\n' | "$bin" play "$tmp/stuck.yaml" --no-record 2>&1)
rc=$?
set -e
[ $rc -eq 4 ] || fail "a stuck drill should exit 4, got $rc: $msg"
grep -q "no way on from node" <<<"$msg" || fail "no message for a stuck drill: $msg"

# A changed scenario: replay names the first diverging turn and exits 1.
sed 's/But what if I do this and it still/And what if this still/' "$case" >"$tmp/changed.yaml"
set +e
msg=$("$bin" replay "$tmp/t.json" --scenario "$tmp/changed.yaml")
rc=$?
set -e
[ $rc -eq 1 ] || fail "replay of a changed scenario should exit 1, got $rc"
echo "$msg" | grep -q "diverges at turn 4" || fail "divergence message: $msg"

# Garbage transcript: a diagnostic, exit 2, no crash.
head -c 3000 /dev/urandom >"$tmp/junk.json"
set +e
"$bin" replay "$tmp/junk.json" 2>"$tmp/err"
rc=$?
set -e
[ $rc -eq 2 ] || fail "garbage transcript should exit 2, got $rc"
grep -q "IMP0701" "$tmp/err" || fail "no diagnostic for garbage"
echo "play cli ok"
