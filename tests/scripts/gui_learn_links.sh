#!/usr/bin/env bash
# Links into Learn, driven by real X input under Xvfb: answer the first moment of a case, click
# the principle named under "Missed or risked" in the feedback, and then a stage in the stage
# tracker; each click must open that topic's Learn page. "The right page" is checked by
# comparing the Learn pane, pixel for pixel, with the pane the app shows when started at that
# page directly (`impasse --learn TOPIC`).
set -euo pipefail
bin=$1
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
export XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/data
mkdir -p "$XDG_CONFIG_HOME/impasse"
echo '{"pause": "never", "checkins": "never", "feedback": "immediate", "theme": "dark"}' \
  >"$XDG_CONFIG_HOME/impasse/settings.json"

disp=:$(( 90 + RANDOM % 100 ))
Xvfb "$disp" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
export DISPLAY=$disp
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done 2>/dev/null || sleep 1
slow=${IMPASSE_TEST_SLOW:-1}
step() { sleep "$(awk -v t="${1:-0.4}" -v k="$slow" 'BEGIN { print t * k }')"; }
# Hover first, then click: Dear ImGui 1.86 takes a click only on a widget it saw hovered.
click_at() { xdotool mousemove --window "$win" "$1" "$2"; step 0.25; xdotool click 1; }
pane="900x715+363+66"  # the Learn page pane at 1280x800
# The pane once it has settled: two screenshots in a row that are identical (a slow machine
# may still be drawing the screen the click opened).
shot_pane() {
  local prev="$tmp/pane-prev.png"
  import -window root -crop "$pane" +repage "$prev"
  for _ in $(seq 20); do
    step 0.3
    import -window root -crop "$pane" +repage "$shots/$1.png"
    [ "$(compare -metric AE "$prev" "$shots/$1.png" null: 2>&1 || true)" = 0 ] && return 0
    cp "$shots/$1.png" "$prev"
  done
}

start() {  # start the app with "$@"; sets $app and $win, waits until it has drawn
  "$bin" --data-dir "$tmp/record" "$@" &
  app=$!
  win=""
  for _ in $(seq 100); do
    win=$(xdotool search --name '^Impasse$' 2>/dev/null | head -1) && [ -n "$win" ] && break
    sleep 0.1
  done
  [ -n "$win" ] || fail "no window"
  click_at 60 28
  for _ in $(seq 100); do
    import -window root "$tmp/probe.png"
    sd=$(identify -format '%[fx:standard_deviation]' "$tmp/probe.png")
    awk -v sd="$sd" 'BEGIN { exit !(sd > 0.02) }' && break
    sleep 0.2
  done
  step 0.5
}
stop() { kill "$app"; wait "$app" 2>/dev/null || true; app=""; }

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
click_at 253 174; step 0.8  # "Accept responsibility"
xdotool mousemove --window "$win" 640 790; step 0.3
shot_pane "clicked-accept_responsibility"
click_at 249 32; step 0.6  # back to the Drill
click_at 973 546; step 0.8  # stage tracker: "Exploration"
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
