#!/usr/bin/env bash
# Frame cost of the GUI's screens against a bare ImGui window, under Xvfb: each is drawn
# continuously for N frames (--frames N --timing) and the mean time per frame after the first is
# printed, with the start-up time to the first frame. Usage: bench/gui_frames.sh [BINARY] [N]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/build/app/impasse}
n=${2:-300}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/data
mkdir -p "$XDG_CONFIG_HOME/impasse"
echo '{"pause": "never", "checkins": "never"}' > "$XDG_CONFIG_HOME/impasse/settings.json"
printf '1\n3\n1\nSo I became the one grading you. What is that like for you right now?\n1\n2\n' |
  "$bin" play nadia-this-isnt-working --seed 3 --data-dir "$tmp/record" --transcript "$tmp/t.json" > /dev/null || true
run() {
  local label=$1; shift
  local out
  out=$(xvfb-run -a -s "-screen 0 1280x800x24" "$bin" --data-dir "$tmp/record" --frames "$n" --timing "$@")
  printf '%-28s %s\n' "$label" "$out"
}
run "bare ImGui window" --bare
run "library" --screen library
run "drill (Nadia, start)" --open nadia-this-isnt-working
run "debrief (6 answers)" --replay "$tmp/t.json"
run "learn" --screen learn
