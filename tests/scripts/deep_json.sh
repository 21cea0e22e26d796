#!/usr/bin/env bash
# JSON nested 70,000 levels deep (#19) is refused with a message, never a stack overflow: in a
# `score --jsonl` line (the id is echoed back, so writing it recursed once per level and the
# process died with SIGSEGV), in a transcript given to `replay`, and in a turn's record read
# back from the record (exported as damaged, named on stderr). The line after the deep one is
# still scored.
set -euo pipefail
bin=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
deep() { python3 -c "import sys; n=int(sys.argv[1]); print('['*n + ']'*n, end='')" "$1"; }

{ printf '{"id": '; deep 70000; printf ', "text": "hi"}\n'; echo '{"id": 2, "text": "That was me, I rushed you."}'; } >"$tmp/in.jsonl"
set +e
"$bin" score --jsonl "$tmp/in.jsonl" >"$tmp/out.jsonl" 2>"$tmp/err"
rc=$?
set -e
[ "$rc" = 0 ] || fail "score --jsonl exited $rc on a deep line: $(head -c 300 "$tmp/err")"
python3 - "$tmp/out.jsonl" <<'PY' || fail "score --jsonl output: $(head -c 300 "$tmp/out.jsonl")"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
assert len(lines) == 2, lines
assert "nested more than 128 levels deep" in lines[0]["error"], lines[0]
assert lines[1]["id"] == 2 and "error" not in lines[1], lines[1]
PY
# 128 levels are still read (an id may be any JSON value).
{ printf '{"id": '; deep 100; printf ', "text": "hi"}\n'; } >"$tmp/ok.jsonl"
"$bin" score --jsonl "$tmp/ok.jsonl" | grep -q '"overall"' || fail "a 100-level id was refused"

deep 70000 >"$tmp/deep.json"
set +e
msg=$("$bin" replay "$tmp/deep.json" 2>&1)
rc=$?
set -e
[ "$rc" -ne 0 ] && [ "$rc" -lt 128 ] || fail "replay of a deep transcript exited $rc"
grep -q "deep.json:1:1: error: the transcript is nested more than 128 levels deep" <<<"$msg" ||
  fail "replay message: ${msg:0:300}"

printf '1\n:quit\n' | "$bin" play nadia-this-isnt-working --fixed-order --seed 3 --data-dir "$tmp/d" >/dev/null 2>&1 || true
python3 - "$tmp/d/impasse.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
n = 70000
db.execute("UPDATE turns SET record = ? WHERE idx = 0", ("[" * n + "]" * n,))
db.commit()
PY
set +e
"$bin" data export --data-dir "$tmp/d" --out "$tmp/export.json" 2>"$tmp/export.err"
rc=$?
set -e
[ "$rc" = 0 ] || fail "data export exited $rc on a deep stored record"
grep -q "turn 0: record is nested more than 128 levels deep (exported as null)" "$tmp/export.err" ||
  fail "export did not name the deep record: $(head -c 300 "$tmp/export.err")"
python3 -c 'import json,sys; t=json.load(open(sys.argv[1]))["drills"][0]["turns"][0]; assert t["record"] is None and "nested" in t["damaged"], t' "$tmp/export.json" ||
  fail "the export lacks the damaged note"
echo "deep json: refused with a message in score --jsonl, replay and the stored record"
