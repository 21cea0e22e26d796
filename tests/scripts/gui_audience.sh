#!/usr/bin/env bash
# The workshop's audience vote end to end, with real X input under Xvfb: the presenter starts
# the vote in the GUI (A), the projector shows a QR code that must be exactly the code of the
# address it prints; a phone (Chromium on the same display, at phone size) votes and changes
# its vote with the keyboard; more phones vote over HTTP from other loopback addresses; the
# presenter opens (V), allows typed answers (Y), closes (V) and reveals (R); the projector's
# bars and the JSON API agree, the demo saved in the record holds the room's votes, a new
# moment starts with none, and A stops the server. Screenshots of the projector and the phone
# stay in $IMPASSE_SHOTS when set.
set -euo pipefail
bin=$1
src=$2
gui_screen=1700x860x24  # the app at 1280x800 on the left, the phone on the right
source "$(dirname "$0")/lib/gui.sh"
export IMPASSE_DATA_ROOT=$src HOME=$tmp
case_id=nadia-this-isnt-working
key() { for k in "$@"; do xdotool windowfocus "$win"; xdotool key "$k"; step; done; }
shot() { import -window root -crop 1280x800+0+0 +repage "$shots/audience-$1.png"; }

gui_start --workshop "$case_id" --data-dir "$tmp/record" --audience-bind 127.0.0.1 \
  --audience-port 0 >"$tmp/app.out"
key a
for _ in $(seq 50); do grep -q 'presenter-token' "$tmp/app.out" && break; step 0.2; done
url=$(grep -o 'audience: http://[^ ]*' "$tmp/app.out" | head -1 | cut -d' ' -f2)
read -r port room token < <(sed -n 's/^audience: port \([0-9]*\) room \([A-Z0-9]*\) presenter-token \([0-9a-f]*\)$/\1 \2 \3/p' "$tmp/app.out")
[[ -n "$url" && -n "$token" ]] || fail "the app did not print where phones connect: $(cat "$tmp/app.out")"
[[ $url == "http://127.0.0.1:$port/?room=$room" ]] || fail "unexpected address $url"
base=http://127.0.0.1:$port
state() {  # state PYTHON-EXPRESSION over the presenter's view `d`
  curl -sf -H "Authorization: Bearer $token" "$base/api/presenter/state" >"$tmp/state.json"
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' \
    "$tmp/state.json" "$1"
}
wait_for() {  # wait_for PYTHON-CONDITION: until the presenter's view satisfies it
  for _ in $(seq 40); do [[ $(state "$1") == True ]] && return 0; step 0.25; done
  fail "never true: $1 (last: $(cat "$tmp/state.json"))"
}
counts='[c["votes"] for c in d["results"]["counts"]]'

# The projector's QR code is module for module the code of the printed address.
settled_crop 1280x800+0+0 "$shots/audience-closed.png"
"$bin" workshop qr "$url" --format modules >"$tmp/modules.txt"
convert "$shots/audience-closed.png" -depth 8 rgb:"$tmp/closed.rgb"
python3 - "$tmp/closed.rgb" "$tmp/modules.txt" <<'PY' || fail "the QR code on the projector is not the address's code"
import sys
w, h = 1280, 800
px = open(sys.argv[1], "rb").read()
rows = open(sys.argv[2]).read().split()
n = len(rows)
white = lambda x, y: px[3 * (y * w + x):3 * (y * w + x) + 3] == b"\xff\xff\xff"
# The QR code's white square starts with quiet-zone rows white from edge to edge: the first
# row with a white run of 100 pixels or more (no glyph has one) gives its left edge and side.
def first_square():
    for y in range(h):
        run = 0
        for x in range(w // 2, w):
            run = run + 1 if white(x, y) else 0
            if run >= 100 and not white(x + 1, y):
                return x - run + 1, y, run
    return None
found = first_square()
assert found, "no QR code on the screen"
xa, ya, full = found
assert full % (n + 8) == 0, (full, n)
m = full // (n + 8)
assert m >= 3, "modules of %d px are too small for a phone across a room" % m
x0, y0 = xa + 4 * m, ya + 4 * m
for r in range(-4, n + 4):  # the quiet zone is white, then module by module the code
    for c in range(-4, n + 4):
        want = rows[r][c] if 0 <= r < n and 0 <= c < n else "0"
        got = "0" if white(x0 + c * m + m // 2, y0 + r * m + m // 2) else "1"
        assert got == want, (r, c, got, want)
print("qr: %d modules of %d px at %d,%d" % (n, m, x0, y0))
PY

# Closed: a vote is refused and changes nothing.
curl -sf -c "$tmp/early.jar" "$base/api/state?room=$room" >/dev/null
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$tmp/early.jar" -H 'Content-Type: application/json' \
  -d "{\"room\":\"$room\",\"option\":\"A\"}" "$base/api/vote")
[[ $code == 409 ]] || fail "a vote before voting opened got $code"

key v
wait_for 'd["state"] == "open"'
# A phone: Chromium at phone size on the same display, driven by the keyboard.
chromium --no-sandbox --disable-gpu --no-first-run --disable-extensions --disable-sync \
  --user-data-dir="$tmp/chrome" --window-size=390,844 --window-position=1300,0 --app="$url" \
  >"$tmp/chrome.log" 2>&1 &
phone=$!
trap 'kill $phone 2>/dev/null || true; gui_cleanup' EXIT
pwin=""
for _ in $(seq 100); do
  pwin=$(xdotool search --onlyvisible --class chromium 2>/dev/null | tail -1) && [[ -n $pwin ]] && break
  sleep 0.2
done
[[ -n $pwin ]] || fail "Chromium opened no window"
step 4  # the page loads and polls
phone_key() { xdotool windowfocus "$pwin"; xdotool key "$1"; step 0.6; }
phone_key Tab
phone_key Return
wait_for "$counts[:2] == [1, 0]"
phone_key Tab      # the keyboard stays on the chosen option after the page redraws: next is B
phone_key Return
wait_for "$counts[:2] == [0, 1]"
step 1.5
import -window "$pwin" "$shots/audience-phone-voted.png"

# More phones, each from its own loopback address with its own cookie.
vote() {  # vote N OPTION
  curl -sf --interface "127.0.0.$1" -c "$tmp/v$1.jar" -b "$tmp/v$1.jar" "$base/api/state?room=$room" >/dev/null
  curl -sf --interface "127.0.0.$1" -b "$tmp/v$1.jar" -H 'Content-Type: application/json' \
    -d "{\"room\":\"$room\",\"option\":\"$2\"}" "$base/api/vote" >/dev/null || fail "vote $1 $2 refused"
}
vote 11 C; vote 12 C; vote 13 C; vote 14 D; vote 15 D; vote 15 C  # the last changes its mind
wait_for "$counts[:4] == [0, 1, 4, 1] and d[\"results\"][\"votes\"] == 6"
# While voting is still open the record catches up with the votes (saved at most once a second).
saved=""
for _ in $(seq 30); do
  "$bin" data export --data-dir "$tmp/record" >"$tmp/live.json"
  saved=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))["demos"][-1]["record"]; print(sorted(v for t in d["tallies"].values() for v in t.values() if v))' "$tmp/live.json")
  [[ $saved == "[1, 1, 4]" ]] && break
  step 0.3
done
[[ $saved == "[1, 1, 4]" ]] || fail "the votes were not saved while voting was open: $saved"

# Typed answers, scored and summarised once allowed.
key y
wait_for 'd["answers_allowed"]'
answer() {
  curl -sf --interface "127.0.0.$1" -b "$tmp/v$1.jar" -H 'Content-Type: application/json' \
    -d "{\"room\":\"$room\",\"text\":\"$2\"}" "$base/api/answer" >/dev/null || fail "answer $1 refused"
}
answer 11 "It sounds like coming here hasn't been helping, and I'm glad you told me. What has it been like sitting here with me?"
answer 12 "Let's look at your homework first."
wait_for 'd["results"]["answers"]["count"] == 2'
settled_crop 1280x800+0+0 "$shots/audience-open.png"

key v
wait_for 'd["state"] == "closed"'
code=$(curl -s -o /dev/null -w '%{http_code}' --interface 127.0.0.13 -b "$tmp/v13.jar" \
  -H 'Content-Type: application/json' -d "{\"room\":\"$room\",\"option\":\"A\"}" "$base/api/vote")
[[ $code == 409 ]] || fail "a vote after voting closed got $code"
key r
wait_for 'd["state"] == "revealed"'
state "$counts" >"$tmp/final-counts"
state 'json.dumps({o["id"]: o["key"] for o in d["moment"]["options"]})' >"$tmp/keys.json"
step 2
settled_crop 1280x800+0+0 "$shots/audience-revealed.png"
import -window "$pwin" "$shots/audience-phone-revealed.png"

# The projector drew what it was sent: voting open, bars and the QR differ from closed; the
# reveal adds the scores and the answers' summary.
for pair in "closed open" "open revealed"; do
  set -- $pair
  diff=$(compare -metric AE "$shots/audience-$1.png" "$shots/audience-$2.png" null: 2>&1 || true)
  [[ $diff != 0 ]] || fail "$2 looks the same as $1 on the projector"
done

# The expert's answer moves the demo: the phones get the next moment, with no votes.
key e
wait_for 'd["serial"] == 2 and d["state"] == "closed" and d["results"]["votes"] == 0'
# A stops the vote: nothing listens any more.
key a
for _ in $(seq 20); do grep -q 'audience: stopped' "$tmp/app.out" && break; step 0.2; done
grep -q 'audience: stopped' "$tmp/app.out" || fail "A did not stop the vote"
if curl -s -m 3 -o /dev/null "$base/api/state?room=$room"; then fail "the server still answers"; fi
kill "$phone" 2>/dev/null || true
gui_stop

"$bin" data export --data-dir "$tmp/record" >"$tmp/export.json"
python3 - "$tmp/export.json" "$src/scenarios/cases/$case_id.yaml" "$tmp/keys.json" \
  "$tmp/final-counts" <<'PY' || fail "the saved demo does not hold the room's votes"
import ast, json, sys, yaml
demos = json.load(open(sys.argv[1]))["demos"]
case = yaml.safe_load(open(sys.argv[2], encoding="utf-8"))
keys = json.loads(open(sys.argv[3]).read())
counts = ast.literal_eval(open(sys.argv[4]).read())
d = demos[-1]["record"]
tally = {k: v for k, v in d["tallies"][case["start"]].items() if v}
want = {keys[letter]: n for letter, n in zip(sorted(keys), counts) if n}
assert tally == want, (tally, want)
assert sum(tally.values()) == 6, tally
PY
echo "gui audience: QR code exact, phone voted by keyboard, 6 votes and 2 answers, tally saved; screenshots in $shots"
