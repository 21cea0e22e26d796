#!/usr/bin/env bash
# scripts/train-scorer --verify: the committed corpus splits, model and manifest are exactly
# what a retraining from the committed sources writes. Skipped (77) in the sanitizer run, where
# training takes several times longer and proves nothing more.
set -euo pipefail
bin=$1
src=$2
if [ "${IMPASSE_TEST_SLOW:-1}" != 1 ]; then
  echo "skipped: sanitizer run"
  exit 77
fi
out=$(IMPASSE_BIN=$bin "$src/scripts/train-scorer" --verify)
echo "$out" | tail -3
echo "$out" | grep -q "the committed corpus and model match a retraining" || { echo "FAIL: no match line"; exit 1; }
echo "$out" | tail -2 | head -1 | grep -Eq '^[0-9]+ labelled responses$' || { echo "FAIL: labelled count line"; exit 1; }
echo "$out" | tail -1 | grep -Eq '^[0-9]+ doubly labelled$' || { echo "FAIL: doubly labelled line"; exit 1; }
