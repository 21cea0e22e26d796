#!/usr/bin/env bash
# The bundled library passes the mechanical half of the reviewer checklist
# (scripts/review-library): every decision node has a neutral line for a typed answer that
# makes none of its moves, and every case whose patient shows risk cues has a risk-check option.
# A planted file shows the check is not vacuous: a risk cue with no risk option fails it.
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
echo "review-library: the library passes; a planted case without a risk option fails"
