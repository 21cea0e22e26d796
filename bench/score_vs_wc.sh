#!/usr/bin/env bash
# `impasse score --jsonl` against `wc -w` over the same answers (issue 17's speed bar: at most
# 10x). The answers are the corpus's transcribed-speech items (register "speech"), repeated to
# N lines; the JSONL gives each its moment (rupture type, patient line), as a drill turn has.
# Wall-clock time (the bar is "on two cores": score --jsonl scores a file's lines on every core)
# and CPU time (user + sys) are both reported, best of 3 runs each.
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
measure() {  # "best-wall best-cpu" seconds of 3 runs of "$@"
  local wall=999999 cpu=999999 w c
  for _ in 1 2 3; do
    /usr/bin/time -o "$out/time" -f "%e %U %S" "$@" >/dev/null 2>&1
    w=$(awk '{print $1}' "$out/time")
    c=$(awk '{print $2 + $3}' "$out/time")
    wall=$(python3 -c "print(min($wall, $w))")
    cpu=$(python3 -c "print(min($cpu, $c))")
  done
  echo "$wall $cpu"
}
export IMPASSE_DATA_ROOT=$root
read -r wc_w wc_c < <(measure sh -c "wc -w < '$out/answers.txt'")
read -r sc_w sc_c < <(measure "$bin" score --jsonl "$out/answers.jsonl")
bytes=$(wc -c <"$out/answers.txt")
echo "plain text: $bytes bytes, $(wc -w <"$out/answers.txt") words; $(nproc) cores"
echo "wc -w: ${wc_w} s wall, ${wc_c} s CPU"
echo "impasse score --jsonl: ${sc_w} s wall, ${sc_c} s CPU"
python3 -c "
ww, wc, sw, sc, n = max($wc_w, 0.01), max($wc_c, 0.01), $sc_w, $sc_c, $lines
print(f'ratio: {sw / ww:.1f}x wc -w in wall time, {sc / wc:.1f}x in CPU time ({n / max(sw, 1e-9):.0f} answers/s, {sc / n * 1e3:.3f} ms CPU per answer)')"
