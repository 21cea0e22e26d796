#!/usr/bin/env bash
# Paths named inside input files (#19): a JSONL `context.scenario` or a transcript's `scenario`
# that points at a file which is not a scenario (/etc/passwd here) is named, never quoted; a
# transcript that is a folder or endless (/dev/zero) is refused without reading it whole; a
# folder named like a scenario file is named in the message.
set -euo pipefail
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
secret=$tmp/secret.txt
printf 'root:$6$not-for-your-eyes:20228:0:99999:7:::\n' >"$secret"

echo "{\"id\":1,\"text\":\"hello there, how are you\",\"context\":{\"scenario\":\"$secret\",\"node\":\"x\"}}" >"$tmp/a.jsonl"
out=$("$bin" score --jsonl "$tmp/a.jsonl")
grep -q "not-for-your-eyes" <<<"$out" && fail "score echoed the named file's content: $out"
grep -q "is not a scenario Impasse can read" <<<"$out" || fail "no clear message: $out"
grep -q "$secret" <<<"$out" || fail "the message does not name the path: $out"

printf '1\n1\n' | "$bin" play nadia-this-isnt-working --no-record --seed 1 --transcript "$tmp/t.json" >/dev/null 2>&1 || true
python3 - "$tmp/t.json" "$secret" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))
t["scenario"] = sys.argv[2]
json.dump(t, open(sys.argv[1], "w"))
PY
for cmd in "replay $tmp/t.json" "spot --transcript $tmp/t.json"; do
  set +e
  msg=$($bin $cmd </dev/null 2>&1)
  rc=$?
  set -e
  [ "$rc" != 0 ] || fail "$cmd accepted a transcript of a non-scenario"
  grep -q "not-for-your-eyes" <<<"$msg" && fail "$cmd echoed the named file's content: $msg"
  grep -q "named in $tmp/t.json, is not a scenario" <<<"$msg" || fail "$cmd: no clear message: $msg"
done

set +e
msg=$(timeout 20 "$bin" replay /dev/zero 2>&1); rc=$?
set -e
[ "$rc" = 2 ] || fail "replay /dev/zero: exit $rc: $msg"
grep -q "larger than 64 MiB" <<<"$msg" || fail "replay /dev/zero: $msg"
mkdir "$tmp/folder.json" "$tmp/cases.yaml"
msg=$("$bin" replay "$tmp/folder.json" 2>&1 || true)
grep -q "folder.json:.*cannot read the transcript" <<<"$msg" || fail "replay of a folder: $msg"
msg=$("$bin" validate "$tmp/cases.yaml" 2>&1 || true)
grep -q "were found in $tmp/cases.yaml" <<<"$msg" || fail "validate of an empty folder: $msg"
echo "hostile paths: named files not quoted, endless and folder transcripts refused"
