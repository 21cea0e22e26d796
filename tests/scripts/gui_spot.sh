#!/usr/bin/env bash
# The marker-spotting drill in the window, with real X input under Xvfb: flag a marker on the
# first line of Nadia's case, step through the other lines with the Down key, compare with the
# key. The attempt saved in the record must hold exactly that flag, and its result must equal
# what `impasse spot --json` computes for the same flags (the GUI only collects and draws).
set -euo pipefail
bin=$1
src=$2
source "$(dirname "$0")/lib/gui.sh"
export IMPASSE_DATA_ROOT=$src

gui_start --spot nadia-this-isnt-working --data-dir "$tmp/record"
import -window root "$shots/spot-start.png"
click_at 970 436; step  # line 1: "Complaint about progress"
import -window root "$shots/spot-flagged.png"
# Down shows the next line; extra presses at the last line do nothing (a key lost under load is
# harmless).
for _ in $(seq 14); do xdotool key Down; step 0.2; done
click_at 746 148; step 1  # "Compare with the key"
import -window root "$shots/spot-result.png"
gui_stop

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
