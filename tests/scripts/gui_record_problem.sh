#!/usr/bin/env bash
# A record that cannot be opened (here: a file of random bytes where the database should be)
# under Xvfb with real X input: the app opens, says what is wrong, and changes nothing until
# the trainee clicks "Start a fresh record"; then a new empty record is made in a new folder,
# remembered in the settings, and the damaged file is byte-for-byte what it was.
set -euo pipefail
bin=$1
source "$(dirname "$0")/lib/gui.sh"
mkdir -p "$XDG_DATA_HOME/impasse"
chmod 700 "$XDG_DATA_HOME/impasse"
head -c 8192 /dev/urandom >"$XDG_DATA_HOME/impasse/impasse.db"
chmod 600 "$XDG_DATA_HOME/impasse/impasse.db"
cp "$XDG_DATA_HOME/impasse/impasse.db" "$tmp/original.db"
shot() { import -window root "$shots/$1.png"; }

# The default data folder (no --data-dir), so the choice is remembered in the settings.
gui_start
shot problem
# Nothing was created or changed before the trainee chose.
cmp -s "$tmp/original.db" "$XDG_DATA_HOME/impasse/impasse.db" || fail "the damaged file was changed"
grep -q fresh-record <<<"$(ls "$XDG_DATA_HOME/impasse")" && fail "a fresh record was made without asking"

# "Start a fresh record".
click_at 408 91; step 0.8
shot fresh
gui_stop

cmp -s "$tmp/original.db" "$XDG_DATA_HOME/impasse/impasse.db" || fail "the damaged file was changed"
fresh=$(ls -d "$XDG_DATA_HOME"/impasse/fresh-record-* 2>/dev/null | head -1 || true)
[ -n "$fresh" ] || fail "no fresh record folder after the click"
[ "$(stat -c %a "$fresh")" = 700 ] || fail "fresh folder is not private: $(stat -c %a "$fresh")"
[ "$(stat -c %a "$fresh/impasse.db")" = 600 ] || fail "fresh database is not private"
grep -q '"format": "impasse-data/2"' <<<"$("$bin" data export --data-dir "$fresh")" || fail "fresh record does not open"
grep -q "fresh-record-" "$XDG_CONFIG_HOME/impasse/settings.json" || fail "the new folder was not remembered"
echo "gui record problem: damaged file kept, fresh record in $fresh; screenshots in $shots"
