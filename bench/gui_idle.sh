#!/usr/bin/env bash
# Measures the GUI's CPU use while idle: starts impasse under Xvfb, waits for start-up, then
# reads the process's user+system CPU time over an idle window (default 10 s).
# Usage: bench/gui_idle.sh [IMPASSE_BINARY] [SECONDS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/build/app/impasse}
secs=${2:-10}
tmp=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/data
Xvfb :97 -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xpid=$!
sleep 1
DISPLAY=:97 "$bin" --data-dir "$tmp/data" &
pid=$!
sleep 3
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)
t0=$(ticks "$pid")
sleep "$secs"
t1=$(ticks "$pid")
kill "$pid"; kill "$xpid"
awk -v a="$t0" -v b="$t1" -v hz="$hz" -v s="$secs" \
  'BEGIN { printf "gui idle: %.3f s CPU over %d s idle (%.2f%% of a core)\n", (b-a)/hz, s, 100*(b-a)/hz/s }'
