#!/usr/bin/env bash
# The drill screen's layout, checked from the app's own widget rectangles (IMPASSE_LAYOUT_DUMP,
# app/gui/layout_probe.h; lib/layout_check.py): at 1024x700, at 1280x800 with font scale 1.5,
# and at 1920x1080, in the dark and the light theme, the patient's latest line and cue, every
# option, the check-in strip and the answer box are inside the window without scrolling, nothing
# in the decision card scrolls, and at 1920x1080 the conversation takes the rest of the height
# (no empty band). Then the first decision point of every bundled case and moment at 1280x800
# with font scale 1.5 (its 853x533 text-scaled area is smaller than 1024x700's in both
# directions, so it is the harder of the two): every option inside the window, or, for a
# free-text-only moment, its note and no option. One launch per case (about 2 s under Xvfb, most
# of it GLFW walking Xvfb's frame-buffer configs), so the case loop is one size, not two. Screenshots in $IMPASSE_SHOTS (default: a temporary folder).
set -euo pipefail
bin=$1
src=$2
gui_screen=1920x1080x24
source "$(dirname "$0")/lib/gui.sh"
check="$(dirname "$0")/lib/layout_check.py"
# Check-ins as a first-time trainee has them (at the first marker).
echo '{"pause": "never", "option_order": "fixed"}' >"$XDG_CONFIG_HOME/impasse/settings.json"

# The number of options of each case's first decision point, from the case files.
python3 - "$src/scenarios" >"$tmp/cases" <<'PY'
import glob, os, sys, yaml
for f in sorted(glob.glob(os.path.join(sys.argv[1], "**", "*.yaml"), recursive=True)):
    d = yaml.safe_load(open(f))
    if not isinstance(d, dict) or "nodes" not in d:
        continue
    nodes = d["nodes"]
    node = nodes.get(d["start"]) if isinstance(nodes, dict) else next(n for n in nodes if n["id"] == d["start"])
    print(d["id"], len(node.get("responses") or []))
PY
[ "$(wc -l <"$tmp/cases")" -ge 20 ] || fail "too few bundled cases found: $(wc -l <"$tmp/cases")"

layout() {  # layout W H SCALE THEME CASE NAME: draws the drill, leaves $tmp/NAME.rects and a shot
  IMPASSE_LAYOUT_DUMP="$tmp/$6.rects" timeout 60 "$bin" --data-dir "$tmp/record" --width "$1" --height "$2" \
    --font-scale "$3" --theme "$4" --open "$5" --frames 6 --screenshot "$shots/$6.png" >/dev/null
  [ -s "$tmp/$6.rects" ] || fail "$6: the app wrote no layout"
}

failed=0
nadia=$(awk '$1 == "nadia-this-isnt-working" { print $2 }' "$tmp/cases")
for theme in dark light; do
  for size in "1024 700 1.0" "1280 800 1.5" "1920 1080 1.0"; do
    set -- $size
    name="drill-$1x$2-$3-$theme"
    layout "$1" "$2" "$3" "$theme" nadia-this-isnt-working "$name"
    fill=()
    [ "$1" = 1920 ] && fill=(--fill)
    grep -q '^item checkin_strip' "$tmp/$name.rects" || { echo "$name: no check-in strip at the first marker"; failed=1; }
    python3 "$check" "$tmp/$name.rects" "$nadia" "${fill[@]}" || failed=1
  done
done

count=0
while read -r id options; do
  layout 1280 800 1.5 dark "$id" "first-$id"
  python3 "$check" "$tmp/first-$id.rects" "$options" || failed=1
  count=$((count + 1))
done <"$tmp/cases"
[ "$failed" = 0 ] || fail "the drill screen does not fit (above)"
echo "gui drill layout: 6 sizes and themes, and $count first decision points, fit; screenshots in $shots"
