#!/usr/bin/env bash
# The routing sets (tests/data/routing/): the built files are what build.py makes from the
# sources and the bundled scenarios (so no option a set names has been renamed away), the second
# labeller's lists name real options and agreement.py reads them, and `score --evaluate-routing`
# reports every part by register, with an "all" row over every item, for the first labeller's
# lists and the second's.
set -euo pipefail
bin=$1
src=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
export IMPASSE_DATA_ROOT=$src
fail() { echo "FAIL: $*"; exit 1; }

mkdir -p "$out/tests/data"
cp -r "$src/tests/data/routing" "$out/tests/data/routing"
ln -s "$src/scenarios" "$out/scenarios"
python3 "$out/tests/data/routing/build.py" >/dev/null || fail "build.py refused the sources"
for part in dev heldout heldout_fresh; do
  cmp -s "$out/tests/data/routing/$part.jsonl" "$src/tests/data/routing/$part.jsonl" ||
    fail "$part.jsonl is not what build.py makes from src/ (run python3 tests/data/routing/build.py)"
done

python3 "$src/tests/data/routing/agreement.py" >"$out/agree.txt" || fail "agreement.py failed"
grep -q "^340 items labelled twice" "$out/agree.txt" || fail "agreement: $(cat "$out/agree.txt")"
grep -Eq "^cells, accept / forbid / neither: kappa -?[0-9]\.[0-9]{2}" "$out/agree.txt" ||
  fail "agreement: no kappa line"
python3 "$src/tests/data/routing/agreement.py" --write-b "$out/b.jsonl" >/dev/null

check_eval() {  # FILE N: the evaluation's "all" row counts N items, with rates in [0, 1]
  "$bin" score --evaluate-routing "$1" >"$out/eval.txt" || fail "evaluate-routing $1 failed"
  awk -v n="$2" '$1 == "all" { found = 1; if ($2 != n) exit 1;
      for (i = 3; i <= 5; ++i) if ($i < 0 || $i > 1) exit 1 } END { exit !found }' "$out/eval.txt" ||
    fail "evaluate-routing $1: $(tail -3 "$out/eval.txt")"
}
check_eval "$src/tests/data/routing/heldout.jsonl" "$(wc -l <"$src/tests/data/routing/heldout.jsonl")"
check_eval "$out/b.jsonl" 340
echo "routing sets: built files match their sources; 340 items labelled twice; evaluation reports"
