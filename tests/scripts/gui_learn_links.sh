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

# Where a link is drawn, from the app's own widget rectangles (app/gui/layout_probe.h), so the
# clicks follow the layout when the feedback card or the tracker moves.
layout=$tmp/layout
# centre NAME [SCROLL_AT_X SCROLL_AT_Y]: "X Y", the middle of the first widget called NAME in
# the last frame, once it is inside its panel's visible part; while it is scrolled out of view,
# the wheel turns over the panel at SCROLL_AT (the feedback card scrolls at small sizes).
centre() {
  local xy="" line
  for _ in $(seq 60); do
    line=$(awk -v n="$1" '$1 == "item" && $2 == n { print; exit }' "$layout" 2>/dev/null || true)
    if [ -n "$line" ]; then
      xy=$(awk '{ y = ($4 + $6) / 2; if (y > $8 + 2 && y < $10 - 2) printf "%d %d", ($3 + $5) / 2, y }' <<<"$line")
      [ -n "$xy" ] && break
      if [ $# -ge 3 ]; then
        xdotool mousemove --window "$win" "$2" "$3"; step 0.1; xdotool click 5
      fi
    fi
    step 0.1
  done
  [ -n "$xy" ] || fail "the widget '$1' was not drawn in view (last: '${line:-none}'; see $shots)"
  echo "$xy"
}
card_at() {  # the middle of the feedback card
  awk '$1 == "item" && $2 == "feedback_card" { printf "%d %d", ($3 + $5) / 2, ($4 + $6) / 2; exit }' "$layout"
}

# From the drill: answer with the first case's option 4, then follow the links.
IMPASSE_LAYOUT_DUMP=$layout start --open nadia-this-isnt-working
xdotool key 4; step 0.8
xdotool mousemove --window "$win" 640 790; step 0.3
import -window root "$shots/feedback.png"
click_at $(centre learn_link:accept_responsibility $(card_at)); step 0.8  # "Accept responsibility" in the feedback
xdotool mousemove --window "$win" 640 790; step 0.3
shot_pane "clicked-accept_responsibility"
click_at 249 32; step 0.6  # back to the Drill
xdotool mousemove --window "$win" 640 790; step 0.3
click_at $(centre stage:exploration); step 0.8  # stage tracker: "Exploration"
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
