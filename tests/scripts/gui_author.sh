#!/usr/bin/env bash
# The author view's hot reload, with real X input under Xvfb: a valid case in the user's
# scenario folder is shown with no problems and its graph; the file is then edited on disk
# (a misspelt marker id) while the app runs, and within a second the view shows the new
# diagnostic. "The right thing" is checked by comparing the file-and-diagnostics pane, pixel for
# pixel, with a fresh start of the app on the edited file; and the pane before the edit differs.
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
mkdir -p "$XDG_CONFIG_HOME/impasse" "$tmp/cases"
echo '{"pause": "never"}' >"$XDG_CONFIG_HOME/impasse/settings.json"
cp "$src/tests/golden/withdrawal-resolved/scenario.yaml" "$tmp/cases/my-case.yaml"

disp=:$(( 90 + RANDOM % 100 ))
Xvfb "$disp" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
export DISPLAY=$disp
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done 2>/dev/null || sleep 1
slow=${IMPASSE_TEST_SLOW:-1}
step() { sleep "$(awk -v t="${1:-0.4}" -v k="$slow" 'BEGIN { print t * k }')"; }
click_at() { xdotool mousemove --window "$win" "$1" "$2"; step 0.25; xdotool click 1; }
pane="448x520+16+184"  # the files and diagnostics pane at 1280x800
# The pane once it has settled: two screenshots in a row that are identical (a slow machine
# may still be drawing the screen the click opened).
shot_pane() {
  xdotool mousemove --window "$win" 640 795; step 0.3; local prev="$tmp/pane-prev.png"
  import -window root -crop "$pane" +repage "$prev"
  for _ in $(seq 20); do
    step 0.3
    import -window root -crop "$pane" +repage "$shots/$1.png"
    [ "$(compare -metric AE "$prev" "$shots/$1.png" null: 2>&1 || true)" = 0 ] && return 0
    cp "$shots/$1.png" "$prev"
  done
}

start() {
  "$bin" --data-dir "$tmp/record" --scenarios "$tmp/cases" --screen author &
  app=$!
  win=""
  for _ in $(seq 100); do
    win=$(xdotool search --name '^Impasse$' 2>/dev/null | head -1) && [ -n "$win" ] && break
    sleep 0.1
  done
  [ -n "$win" ] || fail "no window"
  xdotool mousemove --window "$win" 60 28 click 1
  for _ in $(seq 100); do
    import -window root "$tmp/probe.png"
    sd=$(identify -format '%[fx:standard_deviation]' "$tmp/probe.png")
    awk -v sd="$sd" 'BEGIN { exit !(sd > 0.02) }' && break
    sleep 0.2
  done
  step 1
}
stop() { kill "$app"; wait "$app" 2>/dev/null || true; app=""; }

start
import -window root "$shots/author-before.png"
shot_pane before
# Edit the file while the app runs: a misspelt marker id.
sed -i 's/withdrawal.minimal_response/withdrawal.minimal_respons/' "$tmp/cases/my-case.yaml"
step 2
import -window root "$shots/author-after.png"
shot_pane after
stop

# A fresh start on the edited file (its load error also raises a banner: dismiss it first).
start
click_at 1186 91; step 0.6
shot_pane fresh
stop

diff=$(compare -metric AE "$shots/before.png" "$shots/after.png" null: 2>&1 || true)
[ "$diff" != 0 ] || fail "the edit did not change the view"
diff=$(compare -metric AE "$shots/after.png" "$shots/fresh.png" null: 2>&1 || true)
[ "$diff" = 0 ] || fail "the reloaded view differs from a fresh load of the same file ($diff pixels; see $shots)"
echo "gui author: the edited file was re-validated while the app ran; screenshots in $shots"
