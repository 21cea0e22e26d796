#!/usr/bin/env bash
# The held-out adversarial pairs (tests/data/eval/pairs): evaluate.py checks the sources, scores
# all 120 pairs with `impasse score --jsonl` and prints one well-formed line per kind and an
# overall line; a malformed source is refused with FILE:LINE and exit 2. No threshold on the
# figure: it is a measurement reported in docs/scoring.md, not a gate, and not to be tuned on.
set -euo pipefail
bin=$1
src=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
export IMPASSE_DATA_ROOT=$src
fail() { echo "FAIL: $*"; exit 1; }
if ! python3 -c 'import yaml' 2>/dev/null; then
    echo "SKIP: python3 with PyYAML is not available (scripts/setup --test installs it)"
    exit 0
fi
eval_py=$src/tests/data/eval/pairs/evaluate.py

python3 "$eval_py" "$bin" --verbose >"$out/report.txt" || fail "evaluate.py exited $?"
cat "$out/report.txt"
grep -q '^adversarial pairs: 120 pairs from 60 moments' "$out/report.txt" || fail "not 120 pairs"
grep -Eq '^overall: [0-9]+/120 pairs better > worse \((0|1)\.[0-9]{3}\); ties count as misses; median margin -?[0-9]+\.[0-9]$' \
    "$out/report.txt" || fail "no well-formed overall line"
for kind in jargon plain_skill hedged pseudo_apology risk echo register; do
    grep -Eq "^$kind +[0-9]+ +[0-9]+ +[01]\.[0-9]{3} +-?[0-9]+\.[0-9]$" "$out/report.txt" || fail "no line for $kind"
done
# The per-kind n add up to the 120 pairs.
sum=$(awk '$1 ~ /^(jargon|plain_skill|hedged|pseudo_apology|risk|echo|register)$/ {s += $3} END {print s}' \
    "$out/report.txt")
[[ $sum == 120 ]] || fail "per-kind n add up to $sum"

# A malformed source (unknown marker) is refused with its file and line, exit 2.
sed 's/marker: withdrawal.denial/marker: withdrawal.sulking/' \
    "$src/tests/data/eval/pairs/src/pairs-a.yaml" >"$out/bad.yaml"
set +e
python3 "$eval_py" "$bin" --src "$out/bad.yaml" >"$out/bad.out" 2>"$out/bad.err"
rc=$?
set -e
[[ $rc == 2 ]] || fail "malformed source: exit $rc, expected 2"
grep -Eq 'bad\.yaml:[0-9]+: P[0-9]+: unknown marker' "$out/bad.err" || fail "no FILE:LINE for the bad marker"
echo "ok"
