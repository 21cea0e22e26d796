#!/usr/bin/env bash
# The marker-spotting drill in the window, with real X input under Xvfb: flag a marker on the
# first line of Nadia's case, go down and back up a line with the keys and flag line 2, click
# back into line 1's words and flag it again, step through the other lines with the Down key,
# compare with the key. The attempt saved in the record must hold exactly those flags, and its
# result must equal what `impasse spot --json` computes for the same flags (the GUI only
# collects and draws). Down and Up move only the current line (issue 18, bug 8).
set -euo pipefail
bin=$1
src=$2
source "$(dirname "$0")/lib/gui.sh"
export IMPASSE_DATA_ROOT=$src

park() { xdotool mousemove --window "$win" 640 790; step 0.3; }  # off every widget
markers="600x290+650+240"  # the two columns of marker checkboxes at 1280x800

gui_start --spot nadia-this-isnt-working --data-dir "$tmp/record"
park
import -window root "$shots/spot-start.png"
settled_crop "$markers" "$shots/markers-untouched.png"
click_at 970 436; step  # line 1: "Complaint about progress"
import -window root "$shots/spot-flagged.png"
# Down moves the current line, and only the line: the keyboard focus does not move on to the
# next checkbox (that showed a focus frame around "Defends self", and Space would have ticked it).
xdotool key Down; step
park
settled_crop "$markers" "$shots/markers-line2.png"
diff=$(compare -metric AE "$shots/markers-untouched.png" "$shots/markers-line2.png" null: 2>&1 || true)
[ "$diff" = 0 ] || fail "Down moved more than the current line ($diff pixels differ in the checkboxes; see $shots)"
# Up goes back a line: line 3 shown, then line 2 current again, flagged "Denial".
xdotool key Down; step
xdotool key Up; step
click_at 712 282; step  # "Denial"
# The whole of a line is its click target: a click in the middle of line 1's words makes it
# current (only a 4 px strip above the line used to), and the next flag is line 1's.
click_at 300 200; step
click_at 1034 473; step  # "Defends self"
import -window root "$shots/spot-lines-flagged.png"
# Down goes on through the lines shown, then shows the rest; extra presses at the last line do
# nothing (a key lost under load is harmless).
for _ in $(seq 14); do xdotool key Down; step 0.2; done
click_at 746 148; step 1  # "Compare with the key"
import -window root "$shots/spot-result.png"
gui_stop

"$bin" data export --data-dir "$tmp/record" >"$tmp/export.json"
python3 - "$tmp/export.json" "$tmp/flags.txt" <<'PY' || fail "the saved attempt is not the one made"
import json, sys
spots = json.load(open(sys.argv[1]))["spotting"]
assert len(spots) == 1, spots
s = spots[0]
assert s["scenario"] == "nadia-this-isnt-working", s
assert s["flags"] == [{"turn": 1, "marker": "confrontation.complaint_about_progress"},
                      {"turn": 1, "marker": "confrontation.defends_self"},
                      {"turn": 2, "marker": "withdrawal.denial"}], s["flags"]
assert s["result"]["totals"]["turns"] == 11, s["result"]["totals"]
with open(sys.argv[2], "w") as f:
    for fl in s["flags"]:
        f.write(f"{fl['turn']} {fl['marker']}\n")
json.dump(s["result"], open(sys.argv[2] + ".gui.json", "w"), sort_keys=True)
PY
"$bin" spot nadia-this-isnt-working --flags "$tmp/flags.txt" --json >"$tmp/cli.json"
python3 - "$tmp/cli.json" "$tmp/flags.txt.gui.json" <<'PY' || fail "the window's result differs from impasse spot's"
import json, sys
cli, gui = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
for key in ("totals", "kappa", "detection", "turns", "confusion"):
    assert cli[key] == gui[key], (key, cli[key], gui[key])
assert gui["totals"]["hits"] >= 1, gui["totals"]
PY
diff=$(compare -metric AE "$shots/spot-flagged.png" "$shots/spot-result.png" null: 2>&1 || true)
[ "$diff" != 0 ] || fail "the result screen looks like the flagging screen"
echo "gui spot: flags saved on the lines chosen, result equals impasse spot's; screenshots in $shots"
