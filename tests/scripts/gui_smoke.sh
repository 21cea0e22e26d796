#!/usr/bin/env bash
# The window opens under Xvfb, draws five frames and writes a non-blank screenshot.
set -euo pipefail
bin=$1
# The GL driver under Xvfb leaks two small blocks whose stacks cannot be symbolised (no frame
# pointers), so a sanitized window process is not leak-checked; the engine and every CLI test are.
export ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}detect_leaks=0"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
export XDG_CONFIG_HOME=$out/config XDG_DATA_HOME=$out/data
timeout 60 xvfb-run -a -s "-screen 0 1280x800x24" "$bin" --frames 5 --screenshot "$out/s.png"
[ -s "$out/s.png" ] || { echo "FAIL: no screenshot"; exit 1; }
sd=$(identify -format '%[fx:standard_deviation]' "$out/s.png")
echo "screenshot standard deviation: $sd"
awk -v sd="$sd" 'BEGIN { exit !(sd > 0.02) }' || { echo "FAIL: screenshot is blank"; exit 1; }
