#!/usr/bin/env bash
# `impasse workshop serve` end to end, on loopback only: the voting page and the JSON API
# (vote, change a vote, wrong room 403, missing/wrong token 403, huge body 413, bad JSON 400,
# rate limit 429, a slow client dropped, reveal and the tally), a load test of 300 phones
# (workshop_load.py), headless Chromium rendering the page at phone size, and a clean stop on
# SIGTERM. Each simulated phone uses its own 127.x address, as phones in a room have their own.
# Usage: workshop_serve.sh IMPASSE_BINARY SOURCE_DIR
set -euo pipefail
bin=$1
src=$2
command -v curl >/dev/null || { echo "FAIL: curl is missing (scripts/setup --test)"; exit 1; }
work=$(mktemp -d)
pid=""
cleanup() {
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then kill -9 "$pid"; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; echo "--- server stdout"; cat "$work/out" || true; echo "--- stderr"; cat "$work/err" || true; exit 1; }

"$bin" workshop serve nadia-this-isnt-working --port 0 >"$work/out" 2>"$work/err" &
pid=$!
for _ in $(seq 100); do grep -q '^presenter-token:' "$work/out" 2>/dev/null && break; sleep 0.1; done
port=$(awk '/^port:/{print $2}' "$work/out")
room=$(awk '/^room:/{print $2}' "$work/out")
token=$(awk '/^presenter-token:/{print $2}' "$work/out")
[[ -n "$port" && -n "$room" && ${#token} -eq 32 ]] || fail "no port/room/token printed"
grep -q "^url: http://127.0.0.1:$port/?room=$room$" "$work/out" || fail "no url printed"
base="http://127.0.0.1:$port"

# status CODE for a request; the body is in $work/body. The first argument is the source address.
req() { local from=$1; shift; curl -s --interface "$from" -o "$work/body" -w '%{http_code}' "$@"; }
expect() { local want=$1; shift; local got; got=$(req "$@"); [[ "$got" == "$want" ]] || fail "$* gave $got, not $want: $(cat "$work/body")"; }
json() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2], {}, {"d": d}))' "$work/body" "$1"; }
presenter() { expect 200 127.0.0.1 -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "${2:-{\}}" "$base/api/presenter/$1"; }
tally() { expect 200 127.0.0.1 -H "Authorization: Bearer $token" "$base/api/presenter/state"; json "$1"; }
vote() { expect "$1" "$2" -b "$work/jar$3" -H 'Content-Type: application/json' -d "{\"room\":\"$room\",\"option\":\"$4\"}" "$base/api/vote"; }

# The page: HTML, a strict CSP with a nonce, no external resources, a voter cookie.
curl -s --interface 127.0.0.11 -D "$work/headers" -o "$work/page.html" -c "$work/jar1" "$base/?room=$room"
grep -qi "^content-security-policy: default-src 'none'; script-src 'nonce-" "$work/headers" || fail "no CSP"
grep -qi '^set-cookie: impasse_voter=[0-9a-f]\{32\}; Path=/; HttpOnly; SameSite=Strict' "$work/headers" || fail "no voter cookie"
if grep -Eq 'https?://|innerHTML|src=' "$work/page.html"; then fail "the page loads or injects something"; fi
expect 200 127.0.0.12 -c "$work/jar2" "$base/api/state?room=$room"
[[ $(json 'd["state"]') == closed ]] || fail "voting should start closed"
[[ $(json 'len(d["moment"]["options"]) == 0 and d["options_hidden"]') == True ]] || fail "the choices should wait until voting opens"
expect 403 127.0.0.12 "$base/api/state?room=ZZZZZZ"
expect 403 127.0.0.12 "$base/api/state"

# Voting: closed -> 409; open; vote, change, second voter; each counted once.
vote 409 127.0.0.11 1 A
presenter open
expect 200 127.0.0.12 -b "$work/jar2" "$base/api/state?room=$room"
[[ $(json 'len(d["moment"]["options"])') == 5 ]] || fail "the opening should have 5 options"
[[ $(json '"key" in d["moment"]["options"][0]') == False ]] || fail "voters must not see response ids"
vote 200 127.0.0.11 1 A
vote 200 127.0.0.11 1 C
[[ $(json 'd["your_vote"]') == C ]] || fail "the changed vote is not shown"
vote 200 127.0.0.12 2 C
[[ $(tally 'd["results"]["votes"]') == 2 ]] || fail "two voters, not two votes"
[[ $(tally '[c["votes"] for c in d["results"]["counts"]]') == "[0, 0, 2, 0, 0]" ]] || fail "wrong tally"

# Everything malformed is refused and changes nothing.
expect 403 127.0.0.13 -b "$work/jar1" -H 'Content-Type: application/json' -d '{"room":"ZZZZZZ","option":"A"}' "$base/api/vote"
expect 403 127.0.0.13 -H 'Content-Type: application/json' -d "{\"room\":\"$room\",\"option\":\"A\"}" "$base/api/vote"
expect 403 127.0.0.13 -b 'impasse_voter=0123456789abcdef0123456789abcdef' -H 'Content-Type: application/json' -d "{\"room\":\"$room\",\"option\":\"A\"}" "$base/api/vote"
expect 400 127.0.0.13 -b "$work/jar1" -H 'Content-Type: application/json' -d "{\"room\":\"$room\",\"option\":\"Z\"}" "$base/api/vote"
expect 400 127.0.0.13 -b "$work/jar1" -H 'Content-Type: application/json' -d '{"room": ' "$base/api/vote"
expect 400 127.0.0.13 -b "$work/jar1" -H 'Content-Type: application/json' -d '[1,2]' "$base/api/vote"
expect 400 127.0.0.13 -b "$work/jar1" -H 'Content-Type: application/json' -d "{\"room\":\"$room\",\"option\":1}" "$base/api/vote"
expect 400 127.0.0.13 -b "$work/jar1" -H 'Content-Type: application/json' -d "{\"room\":\"$room\",\"option\":\"A\",\"extra\":1}" "$base/api/vote"
expect 415 127.0.0.13 -b "$work/jar1" -d "room=$room&option=A" "$base/api/vote"
head -c 100000 /dev/zero | tr '\0' 'x' >"$work/huge"
expect 413 127.0.0.14 -b "$work/jar1" -H 'Content-Type: application/json' --data-binary "@$work/huge" "$base/api/vote"
expect 404 127.0.0.14 "$base/../../etc/passwd"
expect 403 127.0.0.15 -X POST -d '' "$base/api/presenter/reveal"
expect 403 127.0.0.15 -X POST -H 'Authorization: Bearer 00000000000000000000000000000000' -d '' "$base/api/presenter/reveal"
expect 403 127.0.0.15 -X POST -H "Authorization: Bearer ${token:0:31}" -d '' "$base/api/presenter/reveal"
expect 403 127.0.0.15 -X POST -H "Authorization: Basic $token" -d '' "$base/api/presenter/reveal"
[[ $(tally '[c["votes"] for c in d["results"]["counts"]]') == "[0, 0, 2, 0, 0]" ]] || fail "a refused request changed the tally"
[[ $(tally 'd["state"]') == open ]] || fail "a refused request changed the state"

# Rate limit: one client hammering gets 429 (others are unaffected).
codes=""
for _ in $(seq 40); do codes+="$(req 127.0.0.99 "$base/api/state?room=$room") "; done
[[ "$codes" == 200* && "$codes" == *429* ]] || fail "no 429 after 40 quick requests: $codes"
expect 200 127.0.0.12 -b "$work/jar2" "$base/api/state?room=$room"

# A slow client (half a request line, then nothing) is dropped; others are served meanwhile.
python3 - "$port" <<'PY' || fail "slow client"
import socket, sys, time, urllib.request
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"POST /api/vote HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"ro")
t = time.monotonic()
s.settimeout(10)
try:
    while s.recv(4096):
        pass
except OSError:
    pass
took = time.monotonic() - t
print("slow client dropped after %.1f s" % took)
sys.exit(0 if took < 6 else 1)
PY

# Typed answers: only when allowed; one each; length-limited.
expect 409 127.0.0.11 -b "$work/jar1" -H 'Content-Type: application/json' -d "{\"room\":\"$room\",\"text\":\"What is it like to tell me that?\"}" "$base/api/answer"
presenter allow-answers '{"allow":true}'
expect 200 127.0.0.11 -b "$work/jar1" -H 'Content-Type: application/json' -d "{\"room\":\"$room\",\"text\":\"What is it like to tell me that?\"}" "$base/api/answer"
expect 409 127.0.0.11 -b "$work/jar1" -H 'Content-Type: application/json' -d "{\"room\":\"$room\",\"text\":\"again\"}" "$base/api/answer"
expect 400 127.0.0.12 -b "$work/jar2" -H 'Content-Type: application/json' -d "{\"room\":\"$room\",\"text\":\"$(head -c 400 /dev/zero | tr '\0' 'a')\"}" "$base/api/answer"
expect 400 127.0.0.12 -b "$work/jar2" -H 'Content-Type: application/json' -d "{\"room\":\"$room\",\"text\":\"<b>hi</b>\\u0000\"}" "$base/api/answer"

# Close, reveal: voters see the tally.
presenter close
vote 409 127.0.0.12 2 A
presenter reveal
expect 200 127.0.0.12 -b "$work/jar2" "$base/api/state?room=$room"
[[ $(json 'd["state"]') == revealed ]] || fail "not revealed"
[[ $(json '[c["votes"] for c in d["results"]["counts"]]') == "[0, 0, 2, 0, 0]" ]] || fail "revealed tally"
[[ $(json 'd["results"]["answers"]["count"]') == 1 ]] || fail "answer not in the summary"
[[ $(json '"texts" in d["results"]["answers"]') == False ]] || fail "voters must not get answer texts"

# The presenter moves the demo: by letter, and back. Each move starts a fresh, closed vote.
presenter moment '{"option":"D"}'
[[ $(json 'd["serial"]') == 2 && $(json 'd["state"]') == closed && $(json 'd["results"]["votes"]') == 0 ]] || fail "new moment"
[[ $(json 'd["demo"]["depth"]') == 1 ]] || fail "the demo did not move"
presenter moment '{"back":true}'
[[ $(json 'd["demo"]["node"]') == opening ]] || fail "back"
expect 409 127.0.0.1 -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d '{"option":"nope"}' "$base/api/presenter/moment"
expect 400 127.0.0.1 -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d '{"option":"A","back":true}' "$base/api/presenter/moment"

# Load: 300 phones voting and changing votes while voting opens and closes.
python3 "$src/tests/scripts/workshop_load.py" "$port" "$room" "$token" || fail "load test"

# Headless Chromium at phone size: the page shows the moment and its options.
if command -v chromium >/dev/null; then
  presenter open
  export HOME="$work"
  flags=(--headless=new --no-sandbox --disable-gpu --no-first-run --disable-extensions
         --user-data-dir="$work/chrome" --virtual-time-budget=4000 --window-size=390,844)
  timeout 60 chromium "${flags[@]}" --dump-dom "$base/?room=$room" >"$work/dom.html" 2>/dev/null || true
  grep -q 'data-option="A"' "$work/dom.html" || fail "Chromium: no options in the page"
  grep -q "Seven weeks of coming here" "$work/dom.html" || fail "Chromium: option text missing"
  grep -q "seven weeks and I" "$work/dom.html" || fail "Chromium: patient line missing"
  shot=${WORKSHOP_SCREENSHOT:-$work/phone.png}
  timeout 60 chromium "${flags[@]}" --screenshot="$shot" "$base/?room=$room" >/dev/null 2>&1 || true
  file "$shot" | grep -q "PNG image data, 390 x 844" || fail "Chromium: no 390x844 screenshot"
else
  echo "FAIL: chromium is missing (scripts/setup --test)"; exit 1
fi

# SIGTERM stops it cleanly.
kill -TERM "$pid"
rc=0; wait "$pid" || rc=$?
pid=""
[[ $rc -eq 0 ]] || fail "exit code $rc after SIGTERM"
grep -q '^stopped (SIGTERM)' "$work/out" || fail "no clean stop"
echo "workshop_serve: OK"
