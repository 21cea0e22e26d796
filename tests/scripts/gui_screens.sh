#!/usr/bin/env bash
# A screenshot of every screen in each theme, for a person to look at: library, drill, debrief
# (of a recorded drill), progress, learn and settings, in dark, light and high-contrast.
# Kept in $IMPASSE_SHOTS (default: a temporary folder). Each must render and not be blank.
set -euo pipefail
bin=$1
# The GL driver under Xvfb leaks two small blocks whose stacks cannot be symbolised (no frame
# pointers), so a sanitized window process is not leak-checked; the engine and every CLI test are.
export ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}detect_leaks=0"
src=$2
tmp=$(mktemp -d)
shots=${IMPASSE_SHOTS:-$tmp/shots}
mkdir -p "$shots"
trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/data
mkdir -p "$XDG_CONFIG_HOME/impasse"
echo '{"pause": "never", "checkins": "never", "option_order": "fixed"}' > "$XDG_CONFIG_HOME/impasse/settings.json"
# A recorded drill, for the debrief and progress screens.
printf '1\n3\n1\nSo I became the one grading you. What is that like for you right now?\n1\n2\n' |
  "$bin" play nadia-this-isnt-working --seed 3 --data-dir "$tmp/record" --transcript "$tmp/t.json" > /dev/null || true
[ -s "$tmp/t.json" ] || { echo "FAIL: no transcript"; exit 1; }
count=0
for theme in dark light high-contrast; do
  for screen in library drill debrief progress learn settings; do
    extra=()
    case $screen in
      drill) extra=(--open nadia-this-isnt-working) ;;
      debrief) extra=(--replay "$tmp/t.json") ;;
    esac
    out="$shots/$screen-$theme.png"
    timeout 60 xvfb-run -a -s "-screen 0 1280x800x24" "$bin" --data-dir "$tmp/record" --theme "$theme" \
      --screen "$screen" "${extra[@]}" --frames 4 --screenshot "$out"
    sd=$(identify -format '%[fx:standard_deviation]' "$out")
    awk -v sd="$sd" 'BEGIN { exit !(sd > 0.02) }' || { echo "FAIL: $screen in $theme is blank"; exit 1; }
    count=$((count + 1))
  done
done
# The beginner's-mind pause before a hard case.
echo '{"pause": "always", "checkins": "never", "option_order": "fixed"}' > "$XDG_CONFIG_HOME/impasse/settings.json"
timeout 60 xvfb-run -a -s "-screen 0 1280x800x24" "$bin" --data-dir "$tmp/record" --open sam-between-sessions \
  --frames 4 --screenshot "$shots/pause-dark.png"
sd=$(identify -format '%[fx:standard_deviation]' "$shots/pause-dark.png")
awk -v sd="$sd" 'BEGIN { exit !(sd > 0.02) }' || { echo "FAIL: the pause is blank"; exit 1; }
count=$((count + 1))
echo "gui screens: $count screenshots in $shots"
