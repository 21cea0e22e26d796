#!/usr/bin/env bash
# The HTML report in a real browser: a recorded drill with a check-in, a distress rating and a
# reflection is reported with `impasse report --format html`, opened in headless Chromium
# (Debian's chromium, installed by scripts/setup --test), and checked three ways: the page's
# text as the browser sees it (the DOM after rendering), a screenshot that is neither blank nor
# cut off, and printing to PDF. The report file is private (0600) and loads nothing from the
# network (no http URLs at all). Screenshots and the PDF stay in $IMPASSE_SHOTS when set.
set -euo pipefail
bin=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
shots=${IMPASSE_SHOTS:-$tmp}
fail() { echo "FAIL: $*"; exit 1; }
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
    echo "SKIP: chromium is not installed (scripts/setup --test installs it)"
    exit 0
fi
export IMPASSE_DATA_ROOT=$src

# A drill: the expert's opening, a defensive answer, then typed words; quit before the end.
printf '4\n1\nI think I got defensive just now. What was that like for you?\n:quit\n' |
    IMPASSE_FIXED_TIME=2026-11-20T10:00:00Z "$bin" play nadia-this-isnt-working --seed 7 \
        --data-dir "$tmp/data" >/dev/null || true
# Inner-skills entries the GUI would write (a check-in at turn 2, distress, a reflection).
python3 - "$tmp/data/impasse.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("INSERT INTO checkins (drill_id, turn, feelings, intensity, urges, body, created_at) "
           "VALUES (1, 1, '[\"irritated\",\"inadequate\"]', 7, '[\"defend\"]', 'tight jaw', "
           "'2026-11-20T10:01:00Z')")
db.execute("UPDATE drills SET distress = 6 WHERE id = 1")
db.execute("INSERT INTO journal (drill_id, node, text, created_at) VALUES (1, '', "
           "'I explained the homework again instead of asking what it was like.', "
           "'2026-11-20T10:05:00Z')")
db.commit()
PY

"$bin" report --format html --data-dir "$tmp/data" --out "$tmp/report.html"
[ "$(stat -c %a "$tmp/report.html")" = 600 ] || fail "the report is readable by others"
if grep -qiE '(src|href)="(https?:)?//' "$tmp/report.html"; then fail "the report loads something from elsewhere"; fi
grep -qi '<script' "$tmp/report.html" && fail "the report contains a script"

run_browser() {
    timeout 60 "$browser" --headless=new --no-sandbox --disable-gpu --no-first-run \
        --user-data-dir="$tmp/profile" --hide-scrollbars "$@" 2>>"$tmp/browser.log"
}
run_browser --dump-dom "file://$tmp/report.html" >"$tmp/dom.html"
python3 - "$tmp/dom.html" <<'PY'
import html, re, sys
text = html.unescape(re.sub(r"<[^>]+>", " ", open(sys.argv[1], encoding="utf-8").read()))
text = re.sub(r"\s+", " ", text)
want = [
    "Practice report",
    "This isn't working",                    # the case
    "seven weeks",                           # the patient's words
    "I think I got defensive just now",      # the trainee's typed words
    "Check-ins", "Irritated", "tight jaw",   # the check-in
    "distress afterwards 6/10",
    "Reflections", "instead of asking what it was like",
    "Alliance", "Principles",
]
missing = [w for w in want if w.lower() not in text.lower()]
if missing:
    sys.exit(f"FAIL: the rendered page lacks {missing}")
PY
run_browser --window-size=1100,1800 --screenshot="$shots/report.png" "file://$tmp/report.html" >/dev/null
[ -s "$shots/report.png" ] || fail "no screenshot"
python3 - "$shots/report.png" <<'PY'
import struct, sys, zlib
# Read the PNG ourselves: size, and that the page is not one flat colour.
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
w, h = struct.unpack(">II", data[16:24])
if (w, h) != (1100, 1800):
    sys.exit(f"FAIL: screenshot is {w}x{h}")
idat, pos = b"", 8
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    if kind == b"IDAT":
        idat += data[pos + 8:pos + 8 + n]
    pos += 12 + n
raw = zlib.decompress(idat)
distinct = len(set(raw[i:i + 3] for i in range(1, min(len(raw), 600000), 97)))
if distinct < 20:
    sys.exit(f"FAIL: the screenshot looks blank ({distinct} colours sampled)")
PY
run_browser --print-to-pdf="$shots/report.pdf" --no-pdf-header-footer "file://$tmp/report.html" >/dev/null
head -c 5 "$shots/report.pdf" | grep -q '%PDF-' || fail "printing to PDF failed"
pages=$(python3 -c 'import re,sys; print(len(re.findall(rb"/Type\s*/Page(?![s\w])", open(sys.argv[1],"rb").read())))' "$shots/report.pdf")
[ "$pages" -ge 1 ] || fail "the PDF has no pages"
echo "report in chromium: text, screenshot and a $pages-page PDF checked"
