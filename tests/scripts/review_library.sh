#!/usr/bin/env bash
# The bundled library passes the mechanical half of the reviewer checklist
# (scripts/review-library): every decision node has a neutral line for a typed answer that
# makes none of its moves, and every case whose patient shows risk cues has a risk-check option.
# Every moment has the patient react to what was said. Planted files show the checks are not
# vacuous: a risk cue with no risk option fails, and so does a moment that ends unanswered.
# The reviewed scorer cases (docs/review/scorer-cases.yaml) are checked too: in a copy of the
# repo, an entry whose option was renamed, or with a kind the file does not define, fails; an
# entry taken out of the file moves its disagreement back to the unreviewed listing, which
# does not fail.
set -euo pipefail
bin=$1
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
# A neutral line that answers a move the trainee never made (the old fallback of Tyler's
# opening: "you sound exactly like my PO") fails, naming the node and the words.
python3 - "$src/scenarios/cases/tyler-court-ordered.yaml" "$tmp/presumes.yaml" <<'PY'
import sys, yaml
d = yaml.safe_load(open(sys.argv[1]))
d["nodes"][d["start"]]["free_text"]["neutral"]["say"] = "(He snorts.) Wow. You sound exactly like my PO."
yaml.safe_dump(d, open(sys.argv[2], "w"), sort_keys=False, allow_unicode=True)
PY
if python3 "$src/scripts/review-library" "$tmp/presumes.yaml" >"$tmp/out.txt"; then
  echo "FAIL: a neutral line presuming a mistake passed"; exit 1
fi
start=$(python3 -c "import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))['start'])" "$tmp/presumes.yaml")
grep -q "node $start: the neutral line presumes a move the answer did not make (\"You sound exactly like\"" "$tmp/out.txt" ||
  { cat "$tmp/out.txt"; echo "FAIL: wrong finding for a presuming neutral line"; exit 1; }

# The bundled library's reviewed scorer cases: none stale, and with the binary each one that
# still disagrees is listed under the reviewed heading with its kind, none under the unreviewed.
echo "$out" | grep -q " 0 stale$" || { echo "$out" | grep -E "FAIL|stale" || true; echo "FAIL: stale reviewed scorer cases"; exit 1; }
out=$(IMPASSE_BIN=$bin IMPASSE_DATA_ROOT=$src python3 "$src/scripts/review-library") || { echo "FAIL: the scored listing failed"; exit 1; }
n_reviewed=$(python3 -c "import yaml,sys; print(len(yaml.safe_load(open(sys.argv[1]))['cases']))" "$src/docs/review/scorer-cases.yaml")
listed=$(echo "$out" | sed -n '/^Reviewed scorer cases/,/disagreements reviewed as scorer cases/p' | grep -c '^    - .*\[[a-z_]*\]$' || true)
[ "$listed" -gt 0 ] && [ "$listed" -le "$n_reviewed" ] || { echo "$out" | tail -5 || true; echo "FAIL: $listed reviewed cases listed (file has $n_reviewed)"; exit 1; }
echo "$out" | grep -q "^$listed of [0-9]* disagreements reviewed as scorer cases" || { echo "$out" | tail -3 || true; echo "FAIL: reviewed count line"; exit 1; }

# A copy of the repo's review inputs, to plant stale entries in.
repo=$tmp/repo
mkdir -p "$repo/docs"
cp -r "$src/scripts" "$src/scenarios" "$repo/"
cp -r "$src/docs/review" "$repo/docs/"
cases=$repo/docs/review/scorer-cases.yaml
# Pick the first reviewed case with a response id (not a moment's `expert`), and its file.
read -r sid node opt file < <(python3 - "$cases" "$repo/scenarios" <<'PY'
import pathlib, sys, yaml
cases = yaml.safe_load(open(sys.argv[1]))["cases"]
files = {yaml.safe_load(f.read_text())["id"]: f for f in pathlib.Path(sys.argv[2]).rglob("*.yaml")}
e = next(e for e in cases if e["option"] != "expert")
print(e["scenario"], e["node"], e["option"], files[e["scenario"]])
PY
)
python3 "$repo/scripts/review-library" >"$tmp/out.txt" || { grep FAIL "$tmp/out.txt" || true; echo "FAIL: the unchanged copy fails"; exit 1; }

# 1. The option is renamed in its scenario: the entry is stale, and the script fails.
cp "$file" "$tmp/orig.yaml"
python3 - "$file" "$node" "$opt" <<'PY'
import sys, yaml
f, node, opt = sys.argv[1:]
d = yaml.safe_load(open(f))
r = next(r for r in d["nodes"][node]["responses"] if r["id"] == opt)
r["id"] = opt + "_renamed"
yaml.safe_dump(d, open(f, "w"), sort_keys=False, allow_unicode=True)
PY
if python3 "$repo/scripts/review-library" >"$tmp/out.txt"; then
  echo "FAIL: a reviewed scorer case naming a renamed option passed"; exit 1
fi
grep -q "^FAIL docs/review/scorer-cases.yaml: entry 1 ($sid, node $node, option $opt): the node has no such option" "$tmp/out.txt" \
  || { grep FAIL "$tmp/out.txt" || true; echo "FAIL: wrong finding for a renamed option"; exit 1; }
cp "$tmp/orig.yaml" "$file"

# 2. An entry with a kind the file does not define fails.
cp "$cases" "$tmp/cases.yaml"
python3 - "$cases" <<'PY'
import sys, yaml
d = yaml.safe_load(open(sys.argv[1]))
d["cases"][0]["kind"] = "no_such_kind"
yaml.safe_dump(d, open(sys.argv[1], "w"), sort_keys=False, allow_unicode=True)
PY
if python3 "$repo/scripts/review-library" >"$tmp/out.txt"; then
  echo "FAIL: a reviewed scorer case with an unknown kind passed"; exit 1
fi
grep -q "kind 'no_such_kind' is not one of the file's kinds" "$tmp/out.txt" || { grep FAIL "$tmp/out.txt" || true; echo "FAIL: wrong finding for a kind"; exit 1; }

# 3. An entry taken out of the file: if the scorer still disagrees there, the disagreement is
# listed as not yet reviewed, and the script passes (unreviewed disagreements never fail).
python3 - "$tmp/cases.yaml" "$cases" <<'PY'
import sys, yaml
d = yaml.safe_load(open(sys.argv[1]))
d["cases"] = d["cases"][1:]
yaml.safe_dump(d, open(sys.argv[2], "w"), sort_keys=False, allow_unicode=True)
PY
IMPASSE_BIN=$bin IMPASSE_DATA_ROOT=$src python3 "$repo/scripts/review-library" >"$tmp/out.txt" \
  || { grep FAIL "$tmp/out.txt" || true; echo "FAIL: an unreviewed disagreement failed the script"; exit 1; }
unrev=$(sed -n '/^Authored ratings the scorer disagrees with, not yet reviewed/,/^Reviewed scorer cases/p' "$tmp/out.txt")
rev=$(sed -n '/^Reviewed scorer cases/,$p' "$tmp/out.txt")
if echo "$out" | grep -q "node $node option $opt: .*\]$"; then
  echo "$unrev" | grep -q "node $node option $opt: " || { echo "$unrev" || true; echo "FAIL: $opt not listed as unreviewed"; exit 1; }
  ! echo "$rev" | grep -q "node $node option $opt: " || { echo "FAIL: $opt still listed as reviewed"; exit 1; }
fi
echo "review-library: the library passes; planted files without a risk option or reactions fail;" \
  "$listed reviewed scorer cases listed apart, a stale or mis-kinded entry fails"
