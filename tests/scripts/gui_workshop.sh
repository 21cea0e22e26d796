#!/usr/bin/env bash
# Workshop mode run by a presenter with the keyboard only (real X input under Xvfb): start a
# demo with --workshop, enter an audience tally with T and digits, reveal the scores, open the
# what-if and orientation views, play a branch, go back, play the expert's answer, leave the
# projector layout. The demo saved in the record must hold exactly those branches and hands.
# Screenshots of each view stay in $IMPASSE_SHOTS when set.
set -euo pipefail
bin=$1
src=$2
export ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}detect_leaks=0"  # Mesa, see gui_drill_e2e.sh
tmp=$(mktemp -d)
shots=${IMPASSE_SHOTS:-$tmp/shots}
mkdir -p "$shots"
app=""
xvfb=""
cleanup() {
  [ -n "$app" ] && kill "$app" 2>/dev/null || true
  [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }
export XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/data IMPASSE_DATA_ROOT=$src
mkdir -p "$XDG_CONFIG_HOME/impasse"
echo '{"pause": "never"}' >"$XDG_CONFIG_HOME/impasse/settings.json"

disp=:$(( 90 + RANDOM % 100 ))
Xvfb "$disp" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
export DISPLAY=$disp
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done 2>/dev/null || sleep 1
slow=${IMPASSE_TEST_SLOW:-1}
step() { sleep "$(awk -v t="${1:-0.3}" -v k="$slow" 'BEGIN { print t * k }')"; }
# Hover first, then click: Dear ImGui 1.86 takes a click only on a widget it saw hovered.
click_at() { xdotool mousemove --window "$win" "$1" "$2"; step 0.25; xdotool click 1; }
shot() { import -window root "$shots/workshop-$1.png"; }
key() { for k in "$@"; do xdotool key "$k"; step; done; }

"$bin" --workshop nadia-this-isnt-working --data-dir "$tmp/record" &
app=$!
win=""
for _ in $(seq 100); do
  win=$(xdotool search --name '^Impasse$' 2>/dev/null | head -1) && [ -n "$win" ] && break
  sleep 0.1
done
[ -n "$win" ] || fail "no window"
click_at 640 5
for _ in $(seq 100); do
  shot start
  sd=$(identify -format '%[fx:standard_deviation]' "$shots/workshop-start.png")
  awk -v sd="$sd" 'BEGIN { exit !(sd > 0.02) }' && break
  sleep 0.2
done
step 1

key t 1 1 1 2 3 3 shift+3 3   # tally: 3 hands for option 1, 1 for option 2, 2 for option 3
shot tally
key t r
shot revealed
key w
shot whatif
key w o
shot orientations
key o 1                        # play option 1: a branch
shot branch
key b e                        # back, then the expert's answer: a second branch
shot expert
key F1 p                       # the keys, and the normal layout
shot normal
kill "$app"; wait "$app" 2>/dev/null || true
app=""

"$bin" data export --data-dir "$tmp/record" >"$tmp/export.json"
python3 - "$tmp/export.json" "$src/scenarios/cases/nadia-this-isnt-working.yaml" <<'PY' || fail "the saved demo is not what the presenter did"
import json, sys, yaml
demos = json.load(open(sys.argv[1]))["demos"]
case = yaml.safe_load(open(sys.argv[2], encoding="utf-8"))
assert len(demos) == 1, demos
d = demos[0]["record"]
start = case["start"]
ids = [r["id"] for r in case["nodes"][start]["responses"]]
expert = [r["id"] for r in case["nodes"][start]["responses"] if r.get("expert")][0]
assert d["scenario"] == "nadia-this-isnt-working", d
assert d["tallies"][start] == {ids[0]: 3, ids[1]: 1, ids[2]: 2}, d["tallies"]
assert [b["response"] for b in d["branches"]] == ["", ids[0], expert], d["branches"]
assert [b["parent"] for b in d["branches"]] == [-1, 0, 0], d["branches"]
assert d["current"] == 2, d
PY
for s in start tally revealed whatif orientations branch expert normal; do
  sd=$(identify -format '%[fx:standard_deviation]' "$shots/workshop-$s.png")
  awk -v sd="$sd" 'BEGIN { exit !(sd > 0.02) }' || fail "screenshot $s is blank"
done
# The tally, the reveal and the what-if view each change what is on the screen.
for pair in "start tally" "tally revealed" "revealed whatif"; do
  set -- $pair
  diff=$(compare -metric AE "$shots/workshop-$1.png" "$shots/workshop-$2.png" null: 2>&1 || true)
  [ "$diff" != 0 ] || fail "$2 looks the same as $1"
done
echo "gui workshop: tally, reveal, what-if, branches and expert saved; screenshots in $shots"
