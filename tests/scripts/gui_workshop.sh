#!/usr/bin/env bash
# Workshop mode run by a presenter with the keyboard only (real X input under Xvfb): start a
# demo with --workshop, enter an audience tally with T and digits, reveal the scores, open the
# what-if and orientation views, play a branch, go back, play the expert's answer, leave the
# projector layout. The demo saved in the record must hold exactly those branches and hands.
# Screenshots of each view stay in $IMPASSE_SHOTS when set.
set -euo pipefail
bin=$1
src=$2
source "$(dirname "$0")/lib/gui.sh"
export IMPASSE_DATA_ROOT=$src
shot() { import -window root "$shots/workshop-$1.png"; }
key() { for k in "$@"; do xdotool key "$k"; step; done; }

gui_start --workshop nadia-this-isnt-working --data-dir "$tmp/record"
shot start

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
gui_stop

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
