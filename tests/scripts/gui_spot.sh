#!/usr/bin/env bash
# The marker-spotting drill in the window, with real X input under Xvfb: flag a marker on the
# first line of Nadia's case, step through the other lines with the Down key, compare with the
# key. The attempt saved in the record must hold exactly that flag, and its result must equal
# what `impasse spot --json` computes for the same flags (the GUI only collects and draws).
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
mkdir -p "$XDG_CONFIG_HOME/impasse"
echo '{"pause": "never"}' >"$XDG_CONFIG_HOME/impasse/settings.json"

disp=:$(( 90 + RANDOM % 100 ))
Xvfb "$disp" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
export DISPLAY=$disp
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done 2>/dev/null || sleep 1
slow=${IMPASSE_TEST_SLOW:-1}
step() { sleep "$(awk -v t="${1:-0.3}" -v k="$slow" 'BEGIN { print t * k }')"; }
# Hover first, then click: Dear ImGui 1.86 takes a click only on a widget it saw hovered.
click_at() { xdotool mousemove --window "$win" "$1" "$2"; step 0.25; xdotool click 1; }

"$bin" --spot nadia-this-isnt-working --data-dir "$tmp/record" &
app=$!
win=""
for _ in $(seq 100); do
  win=$(xdotool search --name '^Impasse$' 2>/dev/null | head -1) && [ -n "$win" ] && break
  sleep 0.1
done
[ -n "$win" ] || fail "no window"
click_at 60 28
for _ in $(seq 100); do
  import -window root "$shots/spot-start.png"
  sd=$(identify -format '%[fx:standard_deviation]' "$shots/spot-start.png")
  awk -v sd="$sd" 'BEGIN { exit !(sd > 0.02) }' && break
  sleep 0.2
done
step 1
click_at 970 436; step  # line 1: "Complaint about progress"
import -window root "$shots/spot-flagged.png"
# Down shows the next line; extra presses at the last line do nothing (a key lost under load is
# harmless).
for _ in $(seq 14); do xdotool key Down; step 0.2; done
xdotool mousemove --window "$win" 746 148; step 0.3
xdotool click 1; step 1  # "Compare with the key"
import -window root "$shots/spot-result.png"
kill "$app"; wait "$app" 2>/dev/null || true
app=""

"$bin" data export --data-dir "$tmp/record" >"$tmp/export.json"
python3 - "$tmp/export.json" "$tmp/flags.txt" <<'PY' || fail "the saved attempt is not the one made"
import json, sys
spots = json.load(open(sys.argv[1]))["spotting"]
assert len(spots) == 1, spots
s = spots[0]
assert s["scenario"] == "nadia-this-isnt-working", s
assert s["flags"] == [{"turn": 1, "marker": "confrontation.complaint_about_progress"}], s["flags"]
assert s["result"]["totals"]["turns"] == 11, s["result"]["totals"]
with open(sys.argv[2], "w") as f:
    for fl in s["flags"]:
        f.write(f"{fl['turn']} {fl['marker']}\n")
json.dump(s["result"], open(sys.argv[2] + ".gui.json", "w"), sort_keys=True)
PY
"$bin" spot nadia-this-isnt-working --flags "$tmp/flags.txt" --json >"$tmp/cli.json"
python3 - "$tmp/cli.json" "$tmp/flags.txt.gui.json" <<'PY' || fail "the window's result differs from impasse spot's"
import json, sys
cli, gui = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
for key in ("totals", "kappa", "detection", "turns", "confusion"):
    assert cli[key] == gui[key], (key, cli[key], gui[key])
assert gui["totals"]["hits"] == 1
PY
diff=$(compare -metric AE "$shots/spot-flagged.png" "$shots/spot-result.png" null: 2>&1 || true)
[ "$diff" != 0 ] || fail "the result screen looks like the flagging screen"
echo "gui spot: flag saved, result equals impasse spot's; screenshots in $shots"
