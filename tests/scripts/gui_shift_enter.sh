#!/usr/bin/env bash
# Shift+Enter in the drill's answer box starts a new line and Enter sends, under real X input
# (xdotool) on Xvfb. Dear ImGui 1.86 asserts when io.KeyCtrl and io.KeyMods disagree, which the
# box once caused by setting io.KeyCtrl by hand for Shift+Enter: the app aborted with the typed
# text lost. Checked through the trainee's record: one answer holding both lines.
set -euo pipefail
bin=$1
source "$(dirname "$0")/lib/gui.sh"
echo '{"pause": "never", "checkins": "never", "feedback": "immediate", "option_order": "fixed"}' >"$XDG_CONFIG_HOME/impasse/settings.json"
step() { sleep "$(awk -v t="${1:-0.4}" -v k="$slow" 'BEGIN { print t * k }')"; }

gui_start --data-dir "$tmp/record"
click_at 300 91; step
xdotool type --delay 20 "Nadia Haddad"; step  # her full name: the tag "canadian" holds "nadia"
xdotool key Return; step 0.8
xdotool type --delay 15 "first line of the answer"; step
xdotool key shift+Return; step 0.6
kill -0 "$app" 2>/dev/null || fail "the app died on Shift+Enter"
xdotool type --delay 15 "second line"; step
xdotool key Return; step 0.8
kill -0 "$app" 2>/dev/null || fail "the app died on Enter after Shift+Enter"
gui_stop

"$bin" data export --data-dir "$tmp/record" >"$tmp/export.json"
python3 - "$tmp/export.json" <<'PY' || fail "no single answer with both lines was recorded"
import json, sys
def strings(x):
    if isinstance(x, str): yield x
    elif isinstance(x, dict):
        for v in x.values(): yield from strings(v)
    elif isinstance(x, list):
        for v in x: yield from strings(v)
s = list(strings(json.load(open(sys.argv[1]))))
assert any("first line of the answer\nsecond line" in t for t in s), [t for t in s if "line" in t]
PY
echo "gui shift+enter: one answer with two lines recorded"
