#!/usr/bin/env bash
# A record that cannot be opened (here: a file of random bytes where the database should be)
# under Xvfb with real X input: the app opens, says what is wrong, and changes nothing until
# the trainee clicks "Start a fresh record"; then a new empty record is made in a new folder,
# remembered in the settings, and the damaged file is byte-for-byte what it was.
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
mkdir -p "$XDG_CONFIG_HOME/impasse" "$XDG_DATA_HOME/impasse"
chmod 700 "$XDG_DATA_HOME/impasse"
echo '{"pause": "never"}' >"$XDG_CONFIG_HOME/impasse/settings.json"
head -c 8192 /dev/urandom >"$XDG_DATA_HOME/impasse/impasse.db"
chmod 600 "$XDG_DATA_HOME/impasse/impasse.db"
cp "$XDG_DATA_HOME/impasse/impasse.db" "$tmp/original.db"

disp=:$(( 90 + RANDOM % 100 ))
Xvfb "$disp" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
export DISPLAY=$disp
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done 2>/dev/null || sleep 1

slow=${IMPASSE_TEST_SLOW:-1}
step() { sleep "$(awk -v t="${1:-0.4}" -v k="$slow" 'BEGIN { print t * k }')"; }
# Hover first, then click: Dear ImGui 1.86 takes a click only on a widget it saw hovered.
click_at() { xdotool mousemove --window "$win" "$1" "$2"; step 0.25; xdotool click 1; }
shot() { import -window root "$shots/$1.png"; }

# The default data folder (no --data-dir), so the choice is remembered in the settings.
"$bin" &
app=$!
win=""
for _ in $(seq 100); do
  win=$(xdotool search --name '^Impasse$' 2>/dev/null | head -1) && [ -n "$win" ] && break
  sleep 0.1
done
[ -n "$win" ] || fail "no window"
click_at 60 28
for _ in $(seq 100); do
  shot problem
  sd=$(identify -format '%[fx:standard_deviation]' "$shots/problem.png")
  awk -v sd="$sd" 'BEGIN { exit !(sd > 0.02) }' && break
  sleep 0.2
done
step 0.5
shot problem
# Nothing was created or changed before the trainee chose.
cmp -s "$tmp/original.db" "$XDG_DATA_HOME/impasse/impasse.db" || fail "the damaged file was changed"
grep -q fresh-record <<<"$(ls "$XDG_DATA_HOME/impasse")" && fail "a fresh record was made without asking"

# "Start a fresh record".
click_at 408 91; step 0.8
shot fresh
kill "$app"; wait "$app" 2>/dev/null || true
app=""

cmp -s "$tmp/original.db" "$XDG_DATA_HOME/impasse/impasse.db" || fail "the damaged file was changed"
fresh=$(ls -d "$XDG_DATA_HOME"/impasse/fresh-record-* 2>/dev/null | head -1 || true)
[ -n "$fresh" ] || fail "no fresh record folder after the click"
[ "$(stat -c %a "$fresh")" = 700 ] || fail "fresh folder is not private: $(stat -c %a "$fresh")"
[ "$(stat -c %a "$fresh/impasse.db")" = 600 ] || fail "fresh database is not private"
grep -q '"format": "impasse-data/1"' <<<"$("$bin" data export --data-dir "$fresh")" || fail "fresh record does not open"
grep -q "fresh-record-" "$XDG_CONFIG_HOME/impasse/settings.json" || fail "the new folder was not remembered"
echo "gui record problem: damaged file kept, fresh record in $fresh; screenshots in $shots"
