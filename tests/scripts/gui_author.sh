#!/usr/bin/env bash
# The author view's hot reload, with real X input under Xvfb: a valid case in the user's
# scenario folder is shown with no problems and its graph; the file is then edited on disk
# (a misspelt marker id) while the app runs, and within a second the view shows the new
# diagnostic. "The right thing" is checked by comparing the file-and-diagnostics pane, pixel for
# pixel, with a fresh start of the app on the edited file; and the pane before the edit differs.
set -euo pipefail
bin=$1
src=$2
source "$(dirname "$0")/lib/gui.sh"
export IMPASSE_DATA_ROOT=$src
mkdir -p "$tmp/cases"
cp "$src/tests/golden/withdrawal-resolved/scenario.yaml" "$tmp/cases/my-case.yaml"
pane="448x520+16+184"  # the files and diagnostics pane at 1280x800
shot_pane() {  # with the mouse parked off the pane
  xdotool mousemove --window "$win" 640 795
  settled_crop "$pane" "$shots/$1.png"
}
start() { gui_start --data-dir "$tmp/record" --scenarios "$tmp/cases" --screen author; }
stop() { gui_stop; }

start
import -window root "$shots/author-before.png"
shot_pane before
# Edit the file while the app runs: a misspelt marker id.
sed -i 's/withdrawal.minimal_response/withdrawal.minimal_respons/' "$tmp/cases/my-case.yaml"
step 2
import -window root "$shots/author-after.png"
shot_pane after
stop

# A fresh start on the edited file (its load error also raises a banner: dismiss it first).
start
click_at 1186 91; step 0.6
shot_pane fresh
stop

diff=$(compare -metric AE "$shots/before.png" "$shots/after.png" null: 2>&1 || true)
[ "$diff" != 0 ] || fail "the edit did not change the view"
diff=$(compare -metric AE "$shots/after.png" "$shots/fresh.png" null: 2>&1 || true)
[ "$diff" = 0 ] || fail "the reloaded view differs from a fresh load of the same file ($diff pixels; see $shots)"
echo "gui author: the edited file was re-validated while the app ran; screenshots in $shots"
