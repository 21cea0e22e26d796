#!/usr/bin/env bash
# The bundled library passes the mechanical half of the reviewer checklist
# (scripts/review-library): every decision node has a neutral line for a typed answer that
# makes none of its moves, and every case whose patient shows risk cues has a risk-check option.
# Every moment has the patient react to what was said. Planted files show the checks are not
# vacuous: a risk cue with no risk option fails, and so does a moment that ends unanswered.
set -euo pipefail
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=$(python3 "$src/scripts/review-library") || { echo "$out" | grep -B2 FAIL; echo "FAIL: the library has failing findings"; exit 1; }
echo "$out" | tail -1
python3 - "$src/scenarios/cases/ray-hopeless-after-layoff.yaml" "$tmp/no-risk.yaml" <<'PY'
import sys, yaml
d = yaml.safe_load(open(sys.argv[1]))
for n in d["nodes"].values():
    n["responses"] = [r for r in n.get("responses") or [] if r.get("move") != "risk_check"] or n.get("responses")
    if not n["responses"]:
        del n["responses"]
d["nodes"][d["start"]]["say"] += " Honestly, what's the point."
yaml.safe_dump(d, open(sys.argv[2], "w"), sort_keys=False, allow_unicode=True)
PY
if python3 "$src/scripts/review-library" "$tmp/no-risk.yaml" >"$tmp/out.txt"; then
  echo "FAIL: a case with risk cues and no risk option passed"; exit 1
fi
grep -q "no move: risk_check option" "$tmp/out.txt" || { cat "$tmp/out.txt"; echo "FAIL: wrong finding"; exit 1; }
python3 - "$src/scenarios/moments/moment-w-its-whatever.yaml" "$tmp/no-reactions.yaml" <<'PY'
import sys, yaml
d = yaml.safe_load(open(sys.argv[1]))
del d["nodes"][d["start"]]["free_text"]["reactions"]
yaml.safe_dump(d, open(sys.argv[2], "w"), sort_keys=False, allow_unicode=True)
PY
if python3 "$src/scripts/review-library" "$tmp/no-reactions.yaml" >"$tmp/out.txt"; then
  echo "FAIL: a moment without reactions passed"; exit 1
fi
grep -q "moment without reactions" "$tmp/out.txt" || { cat "$tmp/out.txt"; echo "FAIL: wrong finding"; exit 1; }
echo "review-library: the library passes; planted files without a risk option or reactions fail"
