#!/usr/bin/env bash
# `impasse score`: the readable breakdown, the JSON contract (exact keys, every id), JSONL
# batches in order with per-line errors, stdin, and hostile input.
set -euo pipefail
bin=$1
src=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
export IMPASSE_DATA_ROOT=$src
fail() { echo "FAIL: $*"; exit 1; }

# Readable.
"$bin" score "I wonder what that was like for you, just now?" --rupture-type withdrawal >"$out/r.txt"
grep -q "^Overall [0-9]* / 100" "$out/r.txt" || fail "no overall line"
grep -q "Tentativeness" "$out/r.txt" || fail "principles not listed"
grep -q '"I wonder"' "$out/r.txt" || fail "evidence not quoted"

# One JSON object with exactly the contract's keys and every id.
"$bin" score --json "You should just try harder." >"$out/one.json"
python3 - "$out/one.json" "$src/assets/ids.yaml" <<'PY'
import json, sys, re
o = json.load(open(sys.argv[1]))
ids = open(sys.argv[2]).read()
def block(name):
    m = re.search(r"^%s:\s*(?:#.*)?\n((?:\s+- .*\n)+)" % name, ids, re.M)
    return [l.strip()[2:].strip() for l in m.group(1).splitlines()]
principles = re.search(r"^principles:\s*(?:#.*)?\n((?:\s+- .*\n)+)", ids, re.M)
assert list(o) == ["id", "overall", "principles", "counter_markers", "strategies", "evidence",
                   "unreadable"], list(o)
assert o["unreadable"] is None
assert set(o["principles"]) == set(block("principles")), o["principles"]
assert set(o["counter_markers"]) == set(block("counter_markers"))
assert set(o["strategies"]) == set(block("resolution_strategies"))
assert 0 <= o["overall"] <= 100
assert o["counter_markers"]["directive"] > 0.5
for e in o["evidence"]:
    assert set(e) == {"kind", "id", "start", "end", "text"}, e
text = "You should just try harder.".encode()
for e in o["evidence"]:
    assert text[e["start"]:e["end"]].decode() == e["text"], e
PY

# A batch: order kept, bad lines answered with an error, the batch goes on.
printf '%s\n' \
  '{"id": "a", "text": "What was that like for you?", "context": {"rupture_type": "withdrawal"}}' \
  'not json at all' \
  '{"id": 7, "text": 42}' \
  '{"id": "c", "context": {"rupture_type": "confrontation"}}' \
  '{"id": "d", "text": "I only said it because it helps.", "context": {"rupture_type": "sideways"}}' \
  '' \
  '{"id": "e", "text": "You are right, I pushed.", "context": {"markers": ["confrontation.complaint_about_therapist"], "stage": "marker", "patient_line": "You pushed me."}}' \
  '{"id": "f", "text": ""}' \
  >"$out/batch.jsonl"
"$bin" score --jsonl "$out/batch.jsonl" >"$out/batch.out"
[ "$(wc -l <"$out/batch.out")" = 7 ] || fail "expected 7 output lines, got $(wc -l <"$out/batch.out")"
python3 - "$out/batch.out" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
assert [l["id"] for l in lines] == ["a", None, 7, "c", "d", "e", "f"], [l["id"] for l in lines]
assert "error" not in lines[0] and lines[0]["overall"] > 0
for i in (1, 2, 3, 4):
    assert set(lines[i]) == {"id", "error"} and lines[i]["error"], lines[i]
assert "rupture_type" in lines[4]["error"]
assert lines[5]["principles"]["accept_responsibility"] > 0
assert lines[6]["overall"] == 0 and lines[6]["evidence"] == []
assert lines[6]["unreadable"] == "empty", lines[6]
assert lines[0]["unreadable"] is None
PY

# Answers that cannot be read say so, instead of scoring low in silence; second-language
# English is English.
printf '%s\n' \
  '{"id": "fr", "text": "Je comprends que vous soyez fâché contre moi, pouvez-vous m’en dire plus?"}' \
  '{"id": "de", "text": "Ich verstehe, dass Sie wütend auf mich sind. Erzählen Sie mir mehr davon."}' \
  '{"id": "punct", "text": "?!... --"}' \
  '{"id": "l2", "text": "I am thinking maybe you feel that I was not listen to you last week, is it?"}' \
  '{"id": "ok", "text": "mm"}' \
  >"$out/unread.jsonl"
"$bin" score --jsonl "$out/unread.jsonl" >"$out/unread.out"
python3 - "$out/unread.out" <<'PY'
import json, sys
got = {l["id"]: l for l in map(json.loads, open(sys.argv[1]))}
assert got["fr"]["unreadable"] == "not_english", got["fr"]
assert got["de"]["unreadable"] == "not_english", got["de"]
assert got["punct"]["unreadable"] == "punctuation", got["punct"]
for k in ("fr", "de", "punct"):
    assert got[k]["overall"] == 0 and got[k]["evidence"] == []
assert got["l2"]["unreadable"] is None and got["l2"]["overall"] > 0, got["l2"]
assert got["ok"]["unreadable"] is None
PY
"$bin" score "Je comprends que vous soyez fâché contre moi, pouvez-vous m’en dire plus?" >"$out/fr.txt"
grep -q "does not look like English" "$out/fr.txt" || fail "no line in the feedback for a non-English answer"

# stdin, and hostile text inside valid JSON (control characters, emoji, RTL, 1 MB).
python3 - >"$out/hostile.jsonl" <<'PY'
import json
print(json.dumps({"id": "ctl", "text": "tell\u0000me\u0001more\u001b[31m"}))
print(json.dumps({"id": "emoji", "text": "\U0001F600 you always \U0001F644"}))
print(json.dumps({"id": "rtl", "text": "\u200f\u05e9\u05dc\u05d5\u05dd I wonder \u0645\u0631\u062d\u0628\u0627"}))
print(json.dumps({"id": "big", "text": "I wonder what just happened between us? " * 26000}))
PY
printf '{"id": "bad-utf8", "text": "caf\xff"}\n' >>"$out/hostile.jsonl"
"$bin" score --jsonl - <"$out/hostile.jsonl" >"$out/hostile.out"
python3 - "$out/hostile.out" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
assert [l["id"] for l in lines[:4]] == ["ctl", "emoji", "rtl", "big"], [l.get("id") for l in lines]
assert lines[1]["unreadable"] is None
assert lines[3]["unreadable"] == "too_long" and lines[3]["evidence"] == []
assert "error" in lines[4]
PY

# --evaluate: its figures equal those recomputed here from the scores of --jsonl.
sample=$src/tests/data/scorer/eval_sample.jsonl
"$bin" score --evaluate "$sample" --json >"$out/eval.json"
"$bin" score --jsonl "$sample" >"$out/eval_scores.jsonl"
python3 - "$sample" "$out/eval_scores.jsonl" "$out/eval.json" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
scores = [json.loads(l) for l in open(sys.argv[2])]
ev = json.load(open(sys.argv[3]))
assert ev["responses"] == len(rows) and ev["skipped"] == 0
def ranks(v):
    order = sorted(range(len(v)), key=lambda i: v[i]); r = [0.0] * len(v); i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and v[order[j + 1]] == v[order[i]]: j += 1
        for k in range(i, j + 1): r[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return r
def pearson(x, y):
    n = len(x); mx = sum(x) / n; my = sum(y) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    sxx = sum((a - mx) ** 2 for a in x); syy = sum((b - my) ** 2 for b in y)
    return sxy / (sxx * syy) ** 0.5
rho = pearson(ranks([s["overall"] for s in scores]), ranks([r["overall"] for r in rows]))
assert abs(rho - ev["spearman_overall"]) < 0.002, (rho, ev["spearman_overall"])
groups = {"principle": "principles", "counter_marker": "counter_markers"}
for item in ev["ids"]:
    if item["kind"] == "strategy":
        lab = [1 if r["labels"]["strategy"] == item["id"] else 0 for r in rows]
        sc = [s["strategies"][item["id"]] for s in scores]
    else:
        g = groups[item["kind"]]
        lab = [r["labels"][g][item["id"]] for r in rows]
        sc = [s[g][item["id"]] for s in scores]
    pos = [s for s, l in zip(sc, lab) if l]; neg = [s for s, l in zip(sc, lab) if not l]
    assert item["support"] == len(pos)
    if pos and neg:
        auc = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg) / (len(pos) * len(neg))
        assert abs(auc - item["auc"]) < 0.002, (item, auc)
    tp = sum(1 for s, l in zip(sc, lab) if l and s >= ev["threshold"])
    pp = sum(1 for s in sc if s >= ev["threshold"])
    if pp: assert abs(tp / pp - item["precision"]) < 0.002, item
    if pos: assert abs(tp / len(pos) - item["recall"]) < 0.002, item
assert rho > 0.5, rho
PY

# Contexts that name a scenario file and node: the node's markers, stage and line are used.
cat >"$out/moment.yaml" <<'YAML'
format: impasse/1
id: moment-test-homework
kind: moment
title: "This homework is pointless"
summary: "A patient rejects the homework."
rupture_type: confrontation
difficulty: 1
patient: {name: Dana, age: 34, pronouns: she/her, background: "Nurse.", presenting_problem: "Low mood."}
start: moment
nodes:
  moment:
    say: "This homework is pointless. You clearly don't get what my week is like."
    cue: "She drops the worksheet on the table."
    markers: [{id: confrontation.complaint_about_activities, salience: 4}]
    stage: marker
    expert:
      text: "You're right, I handed you the homework without asking about your week. What was that like?"
      shows: [accept_responsibility, explore_patient_experience]
    responses:
      - id: own
        text: "You're right, I pushed the homework without asking about your week. What was that like for you?"
        next: done
        ratings: {accept_responsibility: 2, explore_patient_experience: 2, non_defensive: 2}
        strategy: acknowledge_contribution
        feedback: "Owning the push lets the complaint be heard."
      - id: defend
        text: "I only suggested it because research shows it helps."
        next: done
        ratings: {non_defensive: 0, accept_responsibility: 0}
        counter_markers: [defending, lecturing]
        strategy: provide_rationale
        feedback: "Explaining yourself here can shut the complaint down."
    free_text: {fallback: done}
  done:
    say: "(The moment ends here.)"
    stage: marker
    ending: {kind: partial, text: "Compare your answer with the expert's."}
YAML
printf '%s\n' \
  "{\"id\": 1, \"text\": \"I only said it because it helps.\", \"context\": {\"scenario\": \"$out/moment.yaml\", \"node\": \"moment\"}}" \
  "{\"id\": 2, \"text\": \"Hello\", \"context\": {\"scenario\": \"$out/moment.yaml\", \"node\": \"nowhere\"}}" \
  "{\"id\": 3, \"text\": \"Hello\", \"context\": {\"scenario\": \"no-such-case\", \"node\": \"moment\"}}" \
  "{\"id\": 4, \"text\": \"Hello\", \"context\": {\"node\": \"moment\"}}" \
  >"$out/sc.jsonl"
"$bin" score --jsonl "$out/sc.jsonl" >"$out/sc.out"
python3 - "$out/sc.out" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
assert [l["id"] for l in lines] == [1, 2, 3, 4]
assert lines[0]["counter_markers"]["defending"] > 0.5 and "error" not in lines[0]
assert "no node" in lines[1]["error"], lines[1]
assert "no-such-case" in lines[2]["error"], lines[2]
assert "together" in lines[3]["error"], lines[3]
PY
"$bin" score --scenario "$out/moment.yaml" --node moment "I only said it because it helps." >"$out/sc.txt"
grep -q "An expert might say" "$out/sc.txt" || fail "no expert alternative"
grep -q "Routed to: defend" "$out/sc.txt" || fail "typed text not routed"

# Usage errors and a broken rubric are clear.
if "$bin" score >/dev/null 2>"$out/err"; then fail "no text accepted"; fi
printf 'format: impasse-rubric/1\nprinciples: [\n' >"$out/bad.yaml"
if "$bin" score --rubric "$out/bad.yaml" "hello" 2>"$out/err"; then fail "broken rubric accepted"; fi
grep -q "bad.yaml:[0-9]*:[0-9]*: error: .*\[IMP0005\]" "$out/err" || fail "rubric error not located: $(cat "$out/err")"
echo "score CLI ok"
