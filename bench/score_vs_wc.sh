#!/usr/bin/env bash
# `impasse score --jsonl` against `wc -w` over the same answers (issue 17's speed bar: at most
# 10x). The answers are the corpus's transcribed-speech items (register "speech"), repeated to
# N lines; the JSONL gives each its moment (rupture type, patient line), as a drill turn has.
# CPU time (user + sys) is compared, best of 3 runs each.
#   bash bench/score_vs_wc.sh build/app/impasse . [lines]
set -euo pipefail
bin=$1
root=$2
lines=${3:-50000}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
python3 - "$root/assets/corpus" "$out" "$lines" <<'PY'
import json, sys
corpus, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
items = []
for f in ("train.jsonl", "heldout_moment.jsonl"):
    for line in open(f"{corpus}/{f}"):
        r = json.loads(line)
        if r.get("register") == "speech" and not r.get("augmented"):
            items.append(r)
with open(f"{out}/answers.txt", "w") as txt, open(f"{out}/answers.jsonl", "w") as js:
    for i in range(n):
        r = items[i % len(items)]
        text = " ".join(r["text"].split())
        txt.write(text + "\n")
        ctx = {k: v for k, v in r.get("context", {}).items() if k in ("rupture_type", "patient_line", "stage")}
        js.write(json.dumps({"id": str(i), "text": text, "context": ctx}) + "\n")
print(f"{n} answers from {len(items)} transcribed-speech items")
PY
cpu() {  # best user+sys seconds of 3 runs of "$@" < $in
  local best=999999 t
  for _ in 1 2 3; do
    /usr/bin/time -o "$out/time" -f "%U %S" "$@" >/dev/null 2>&1
    t=$(awk '{print $1 + $2}' "$out/time")
    best=$(python3 -c "print(min($best, $t))")
  done
  echo "$best"
}
export IMPASSE_DATA_ROOT=$root
wc_s=$(cpu sh -c "wc -w < '$out/answers.txt'")
sc_s=$(cpu "$bin" score --jsonl "$out/answers.jsonl")
bytes=$(wc -c <"$out/answers.txt")
echo "plain text: $bytes bytes, $(wc -w <"$out/answers.txt") words"
echo "wc -w: ${wc_s} s CPU"
echo "impasse score --jsonl: ${sc_s} s CPU"
python3 -c "w, s = max($wc_s, 0.01), $sc_s; print(f'ratio: {s / w:.1f}x wc -w ({$lines / max(s, 1e-9):.0f} answers/s, {s / $lines * 1e3:.3f} ms per answer)')"
