#!/usr/bin/env bash
# Links into Learn, driven by real X input under Xvfb: answer the first moment of a case, click
# the principle named under "Missed or risked" in the feedback, and then a stage in the stage
# tracker; each click must open that topic's Learn page. "The right page" is checked by
# comparing the Learn pane, pixel for pixel, with the pane the app shows when started at that
# page directly (`impasse --learn TOPIC`).
set -euo pipefail
bin=$1
source "$(dirname "$0")/lib/gui.sh"
echo '{"pause": "never", "checkins": "never", "feedback": "immediate", "theme": "dark", "option_order": "fixed"}' \
  >"$XDG_CONFIG_HOME/impasse/settings.json"
pane="900x715+363+66"  # the Learn page pane at 1280x800
shot_pane() { settled_crop "$pane" "$shots/$1.png"; }
start() { gui_start --data-dir "$tmp/record" "$@"; }
stop() { gui_stop; }

# The reference panes.
for topic in accept_responsibility exploration; do
  start --learn "$topic"
  xdotool mousemove --window "$win" 640 790; step 0.3  # park the mouse off the links
  shot_pane "ref-$topic"
  stop
done

# From the drill: answer with the first case's option 4, then follow the links.
start --open nadia-this-isnt-working
xdotool key 4; step 0.8
import -window root "$shots/feedback.png"
click_at 135 213; step 0.8  # "Accept responsibility"
xdotool mousemove --window "$win" 640 790; step 0.3
shot_pane "clicked-accept_responsibility"
click_at 249 32; step 0.6  # back to the Drill
click_at 1024 547; step 0.8  # stage tracker: "Exploration"
xdotool mousemove --window "$win" 640 790; step 0.3
shot_pane "clicked-exploration"
stop

for topic in accept_responsibility exploration; do
  diff=$(compare -metric AE "$shots/ref-$topic.png" "$shots/clicked-$topic.png" null: 2>&1 || true)
  [ "$diff" = 0 ] || fail "the link for $topic opened a different page ($diff pixels differ; see $shots)"
done
# And the two pages are not the same picture (the comparison can tell pages apart).
diff=$(compare -metric AE "$shots/ref-accept_responsibility.png" "$shots/ref-exploration.png" null: 2>&1 || true)
[ "$diff" != 0 ] || fail "two different Learn pages look identical"
echo "gui learn links: feedback and stage-tracker links open their pages; screenshots in $shots"
