#!/usr/bin/env bash
# valgrind memcheck on the headless commands that read outside input: `impasse validate` (the
# bundled library and the hostile files), `impasse play` (a drill with typed answers, recorded
# into a fresh store, then resumed) and `impasse score` (one text and a JSONL batch with bad
# lines). Any memory error or definite/indirect leak fails. Skipped for sanitized builds
# (valgrind cannot run them) and when valgrind is missing (scripts/setup --test installs it).
set -euo pipefail
bin=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export IMPASSE_DATA_ROOT=$src
if ! command -v valgrind >/dev/null; then echo "SKIP: valgrind is not installed"; exit 0; fi
if grep -q __asan_init <<<"$(nm -D "$bin" 2>/dev/null)"; then echo "SKIP: sanitized build"; exit 0; fi
vg() {
  valgrind --quiet --leak-check=full --errors-for-leak-kinds=definite,indirect \
    --show-leak-kinds=definite,indirect --error-exitcode=99 "$@"
}
check() {  # check NAME EXPECTED-EXIT -- COMMAND...: runs under memcheck, fails on its exit 99
  local name=$1 want=$2; shift 3
  local rc=0
  vg "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" <"${stdin:-/dev/null}" || rc=$?
  if [ "$rc" = 99 ]; then echo "FAIL: memcheck errors in $name"; cat "$tmp/$name.err"; exit 1; fi
  if [ "$rc" != "$want" ]; then echo "FAIL: $name exited $rc, expected $want"; tail "$tmp/$name.err"; exit 1; fi
}

check validate-library 0 -- "$bin" validate "$src/scenarios"
check validate-hostile 1 -- "$bin" validate "$src/tests/data/scenarios/bad"
printf '4\nI wonder what just happened between us, right now?\n' >"$tmp/in.txt"
stdin=$tmp/in.txt check play 3 -- "$bin" play nadia-this-isnt-working --seed 5 --data-dir "$tmp/rec"
printf '1\n:quit\n' >"$tmp/in2.txt"
stdin=$tmp/in2.txt check resume 0 -- "$bin" play --resume --data-dir "$tmp/rec"
check score 0 -- "$bin" score --json "You always say that. I'm not saying you're wrong, but..."
printf '%s\n' '{"id": 1, "text": "I think I pushed too hard."}' 'not json' \
  '{"id": 2, "text": "fine", "context": {"rupture_type": "withdrawal", "marker": "withdrawal.denial"}}' \
  '{"id": 3}' >"$tmp/batch.jsonl"
check score-jsonl 0 -- "$bin" score --jsonl "$tmp/batch.jsonl"
echo "valgrind: validate, play, resume and score ran with no memory errors or leaks"
