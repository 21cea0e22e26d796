#!/usr/bin/env bash
# Strict UTF-8 at the scenario entry (impasse/utf8.h) and the JSON writer that cannot throw
# (impasse/json_write.h): an overlong sequence, a surrogate or a code point above U+10FFFF in a
# scenario file is refused with file:line:col, and no command aborts on it; a multi-byte
# character next to an error in a condition is never cut in half in the message.
set -uo pipefail
bin=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
good=$src/tests/data/scenarios/good/small-case.yaml
fail() { echo "FAIL: $*"; exit 1; }
export IMPASSE_FIXED_TIME=2026-01-01T00:00:00.000Z

n=0
for bad in '\xe0\x80\xaf' '\xed\xa0\x80' '\xf4\x90\x80\x80' '\xc0\xaf' '\xe2\x80'; do
  n=$((n + 1))
  f=$tmp/bad$n.yaml
  sed "s/^title: \"It was fine\"/title: \"It was $bad fine\"/" "$good" > "$f"
  grep -q "^title: \"It was fine\"" "$f" && fail "sed did not plant $bad"
  out=$("$bin" validate "$f" 2>&1); rc=$?
  [ $rc -eq 1 ] || fail "$bad: validate should exit 1, got $rc: $out"
  grep -q "bad$n.yaml:4:16: error: the file is not valid UTF-8 here" <<<"$out" ||
    fail "$bad: no file:line:col: $out"
  json=$("$bin" validate --format json "$f" 2>/dev/null); rc=$?
  [ $rc -eq 1 ] || fail "$bad: validate --format json exit $rc"
  python3 -c 'import json,sys; d=json.loads(sys.argv[1]); assert d[0]["code"]=="IMP0003", d' "$json" ||
    fail "$bad: validate json: $json"
  for cmd in "graph --format json" "play --json" "play"; do
    # shellcheck disable=SC2086
    printf '1\n' | "$bin" $cmd "$f" --transcript "$tmp/t.json" >/dev/null 2>&1; rc=$?
    [[ $cmd == graph* ]] && { "$bin" $cmd "$f" >/dev/null 2>&1; rc=$?; }
    [ $rc -ge 1 ] && [ $rc -le 2 ] || fail "$bad: '$cmd' exit $rc (an abort is >= 128)"
  done
done

# A no-break space (valid UTF-8) inside a condition: the message quotes the whole character.
sed 's/condition: "vars.pushed"/condition: "vars.pushed\xc2\xa0x"/' "$good" > "$tmp/nbsp.yaml"
json=$("$bin" validate --format json "$tmp/nbsp.yaml" 2>/dev/null); rc=$?
[ $rc -eq 1 ] || fail "nbsp condition: exit $rc"
python3 - "$json" <<'PY' || fail "nbsp condition json: $json"
import json, sys
d = json.loads(sys.argv[1])
assert d[0]["code"] == "IMP0501", d
assert "unexpected '\u00a0'" in d[0]["message"], d[0]["message"]
PY
out=$("$bin" validate "$tmp/nbsp.yaml" 2>&1)
grep -q "nbsp.yaml:58:32: error: in the condition" <<<"$out" || fail "nbsp text form: $out"
echo "utf8 cli ok"
