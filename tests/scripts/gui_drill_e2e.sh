#!/usr/bin/env bash
# A whole drill driven by real X input (xdotool) under Xvfb: find a case from the library with
# the keyboard, answer with an option and in typed words, rewind, answer on to an ending, open
# the debrief. The result is checked through the trainee's record, and screenshots are kept in
# $IMPASSE_SHOTS (default: a temporary folder) for a person to look at.
set -euo pipefail
bin=$1
source "$(dirname "$0")/lib/gui.sh"
echo '{"pause": "never", "checkins": "never", "feedback": "immediate", "option_order": "fixed"}' >"$XDG_CONFIG_HOME/impasse/settings.json"
step() { sleep "$(awk -v t="${1:-0.4}" -v k="$slow" 'BEGIN { print t * k }')"; }  # a longer default
shot() { import -window root "$shots/$1.png"; }

gui_start --data-dir "$tmp/record"
shot library
# Find Nadia's case: click into the search box, type, Enter starts the first match.
click_at 300 91; step
xdotool type --delay 20 "Nadia Haddad"; step  # her full name: the tag "canadian" holds "nadia"
xdotool key Return; step 0.8
shot drill-start
# An option by its number, then an answer in our own words.
xdotool key 1; step 0.8
xdotool type --delay 15 "So I became the one grading you. What is that like for you right now"
step
xdotool key Return; step 0.8
shot drill-typed
# Rewind that typed turn, answer with an option instead, then answer on to an ending.
xdotool key ctrl+z; step 0.8
for k in 1 3 1 3 1 3 1 3 1 2 1 2 1 2 1 2 1 2 1 2 1 2 1 2 1 2 1 2 1 2; do
  xdotool key "$k"; step 0.35
done
shot drill-end
xdotool key Return; step 0.8
# Before the debrief: rate yourself. Tentativeness high (click near the slider's right end),
# non-defensiveness low (its left end), then save.
shot self-assessment
click_at 820 178; step
click_at 398 442; step
click_at 122 522; step 0.8
shot debrief
gui_stop

export_json=$("$bin" data export --data-dir "$tmp/record")
grep -q '"status": "finished"' <<<"$export_json" || { echo "FAIL: the drill did not finish"; echo "$export_json" | head -40; exit 1; }
grep -q '"scenario": "nadia-this-isnt-working"' <<<"$export_json" || { echo "FAIL: wrong case"; exit 1; }
printf '%s' "$export_json" >"$tmp/export.json"
turns=$(python3 -c 'import json,sys; print(sum(len(d["turns"]) for d in json.load(open(sys.argv[1]))["drills"]))' "$tmp/export.json")
[ "$turns" -ge 5 ] || { echo "FAIL: only $turns turns recorded"; exit 1; }
# The typed answer was rewound, so it must not be in the record.
if grep -q 'grading you. What is that like' <<<"$export_json"; then echo "FAIL: the rewound turn is still recorded"; exit 1; fi
python3 - "$tmp/export.json" <<'PY' || { echo "FAIL: self-assessment not recorded as rated"; exit 1; }
import json, sys
r = {x["principle"]: x["rating"] for x in json.load(open(sys.argv[1]))["self_ratings"]}
# Only the two sliders the trainee moved are saved; untouched ones are not ratings (they were
# once saved as 0.5).
assert set(r) == {"tentativeness", "non_defensive"}, r
assert r["tentativeness"] >= 0.9 and r["non_defensive"] <= 0.1, r
PY
for s in library drill-start drill-typed drill-end self-assessment debrief; do
  sd=$(identify -format '%[fx:standard_deviation]' "$shots/$s.png")
  awk -v sd="$sd" 'BEGIN { exit !(sd > 0.02) }' || { echo "FAIL: screenshot $s is blank"; exit 1; }
done
echo "gui drill e2e: finished drill with $turns recorded turns; screenshots in $shots"
