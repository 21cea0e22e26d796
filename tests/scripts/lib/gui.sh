# The harness the GUI tests share (sourced after `bin` is set): a temporary folder with its own
# settings and data, a private Xvfb display, real X input, and the app started and waited for.
# Each test then drives the app and checks what it saved or drew. Not a test itself (tests/
# CMakeLists.txt runs only tests/scripts/*.sh).
#
#   gui_start ARGS...   start "$bin" ARGS..., wait for its window ($win) and its first drawing
#   gui_stop            stop it
#   step [SECONDS]      sleep, scaled by IMPASSE_TEST_SLOW (sanitized builds are slower)
#   click_at X Y        hover, then click (Dear ImGui 1.86 takes a click only on a widget it has
#                       seen hovered)
#   settled_crop GEOM FILE   a crop of the screen once two screenshots in a row are identical
# Screenshots go to $shots ($IMPASSE_SHOTS when set, else a temporary folder).

# The GL driver under Xvfb leaks two small blocks whose stacks cannot be symbolised, so a
# sanitized window process is not leak-checked; the engine and every CLI test are.
export ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}detect_leaks=0"
tmp=$(mktemp -d)
shots=${IMPASSE_SHOTS:-$tmp/shots}
mkdir -p "$shots"
app=""
xvfb=""
win=""
gui_cleanup() {
  [ -n "$app" ] && kill "$app" 2>/dev/null || true
  [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$tmp"
}
trap gui_cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }
export XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/data
mkdir -p "$XDG_CONFIG_HOME/impasse"
# Options in file order: the tests click an option by its position.
echo '{"pause": "never", "option_order": "fixed"}' >"$XDG_CONFIG_HOME/impasse/settings.json"

# A free display: tests run in parallel, so the display number is chosen by Xvfb itself
# (-displayfd), which takes the first number whose lock file it can create. Picking a number
# here and checking for its lock raced: two tests could start on one number, the loser's Xvfb
# exited, and the loser lost its display when the winner finished.
xvfb_up() {  # starts a private Xvfb and sets DISPLAY; returns 1 when none came up
  xvfb=""
  for _ in $(seq 5); do
    rm -f "$tmp/display"
    Xvfb -displayfd 3 -screen 0 "${gui_screen:-1280x800x24}" -nolisten tcp 3>"$tmp/display" >/dev/null 2>&1 &  # a test may set gui_screen
    xvfb=$!
    for _ in $(seq 100); do [[ -s $tmp/display ]] && break; kill -0 "$xvfb" 2>/dev/null || break; sleep 0.1; done
    n=$(tr -dc 0-9 <"$tmp/display" 2>/dev/null || true)
    if [[ -n $n ]] && kill -0 "$xvfb" 2>/dev/null && DISPLAY=:$n xdpyinfo >/dev/null 2>&1; then
      export DISPLAY=:$n
      return 0
    fi
    kill "$xvfb" 2>/dev/null || true
    xvfb=""
  done
  return 1
}
xvfb_up || true
[[ -n $xvfb ]] || fail "no X display could be started"

slow=${IMPASSE_TEST_SLOW:-1}
step() { sleep "$(awk -v t="${1:-0.3}" -v k="$slow" 'BEGIN { print t * k }')"; }
click_at() { xdotool mousemove --window "$win" "$1" "$2"; step 0.25; xdotool click 1; }

gui_start() {
  # The display must still be there (CI once lost it between tests); else start another.
  if ! kill -0 "$xvfb" 2>/dev/null || ! xdpyinfo >/dev/null 2>&1; then
    kill "$xvfb" 2>/dev/null || true
    xvfb_up || fail "the X display went away and no other could be started"
  fi
  # A display can still vanish between that check and the app's connect (CI saw "Failed to
  # open display" once, when another test's Xvfb shut down as this one's came up): an app that
  # exits without a window because it had no display is started again on a fresh one.
  local attempt
  for attempt in 1 2 3; do
    "$bin" "$@" 2> >(tee "$tmp/app.err" >&2) &
    app=$!
    win=""
    for _ in $(seq 100); do
      win=$(xdotool search --name '^Impasse$' 2>/dev/null | head -1) && [ -n "$win" ] && break
      kill -0 "$app" 2>/dev/null || break
      sleep 0.1
    done
    [ -n "$win" ] && break
    if ! kill -0 "$app" 2>/dev/null && grep -q "no display" "$tmp/app.err"; then
      echo "gui_start: attempt $attempt had no display; starting another" >&2
      kill "$xvfb" 2>/dev/null || true
      xvfb_up || fail "the X display went away and no other could be started"
      continue
    fi
    break
  done
  [ -n "$win" ] || fail "no window"
  click_at 640 5  # gives the window the keyboard (there is no window manager under Xvfb)
  for _ in $(seq 100); do
    import -window root "$tmp/probe.png"
    sd=$(identify -format '%[fx:standard_deviation]' "$tmp/probe.png")
    awk -v sd="$sd" 'BEGIN { exit !(sd > 0.02) }' && break
    sleep 0.2
  done
  step 1
}

gui_stop() { kill "$app"; wait "$app" 2>/dev/null || true; app=""; }

settled_crop() {
  local prev="$tmp/settle-prev.png"
  import -window root -crop "$1" +repage "$prev"
  for _ in $(seq 20); do
    step 0.3
    import -window root -crop "$1" +repage "$2"
    [ "$(compare -metric AE "$prev" "$2" null: 2>&1 || true)" = 0 ] && return 0
    cp "$2" "$prev"
  done
}
