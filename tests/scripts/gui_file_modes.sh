#!/usr/bin/env bash
# The files the GUI writes in the user's folders are private (0600) like the store, whatever
# the umask: settings.json (the harness writes one with the default 0644 first, as an older
# Impasse did; the GUI saves it again on Ctrl+=), imgui.ini, and the record itself.
set -euo pipefail
bin=$1
source "$(dirname "$0")/lib/gui.sh"
umask 022
gui_start --data-dir "$tmp/record"
xdotool key ctrl+equal; step 0.8
gui_stop
for f in "$XDG_CONFIG_HOME/impasse/settings.json" "$XDG_CONFIG_HOME/impasse/imgui.ini" \
  "$tmp/record/impasse.db"; do
  [ -e "$f" ] || fail "$f was not written"
  mode=$(stat -c %a "$f")
  [ "$mode" = 600 ] || fail "$f has mode $mode, not 600"
done
if ls "$XDG_CONFIG_HOME/impasse/"*.tmp >/dev/null 2>&1; then fail "a settings .tmp was left"; fi
echo "gui file modes: settings.json, imgui.ini and the store are 0600"
