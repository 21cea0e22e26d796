#!/usr/bin/env bash
# `impasse workshop qr`: an address as a QR code for the terminal, a slide (SVG) or a test
# (rows of 0/1), and what it says when the text cannot be a code.
set -euo pipefail
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
url="http://192.168.1.20:8765/?room=K7QW3P"

"$bin" workshop qr "$url" --format modules >"$tmp/m.txt"
python3 - "$tmp/m.txt" <<'PY' || fail "the modules are not a QR code's"
import sys
rows = open(sys.argv[1]).read().split()
n = len(rows)
assert n >= 21 and (n - 21) % 4 == 0, n              # versions 1..40: 21 + 4k modules
assert all(len(r) == n and set(r) <= {"0", "1"} for r in rows)
finder = ["1111111", "1000001", "1011101", "1011101", "1011101", "1000001", "1111111"]
for (x, y) in [(0, 0), (n - 7, 0), (0, n - 7)]:      # the three finder patterns
    assert [rows[y + i][x:x + 7] for i in range(7)] == finder, (x, y)
timing = rows[6][8:n - 8]                            # the timing pattern alternates
assert timing == ("10" * n)[:len(timing)], timing
PY

"$bin" workshop qr "$url" --format svg --module 4 >"$tmp/q.svg"
python3 - "$tmp/q.svg" "$tmp/m.txt" <<'PY' || fail "the SVG is not the same code"
import re, sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
n = len(open(sys.argv[2]).read().split())
assert root.get("width") == str((n + 8) * 4), root.get("width")
d = root.find("{http://www.w3.org/2000/svg}path").get("d")
dark = sum(r.count("1") for r in open(sys.argv[2]).read().split())
assert len(re.findall(r"M\d+ \d+h4v4h-4z", d)) == dark
PY

"$bin" workshop qr "$url" >"$tmp/t.txt"
lines=$(wc -l <"$tmp/t.txt")
n=$(wc -l <"$tmp/m.txt")
[[ $lines -eq $(( (n + 8 + 1) / 2 )) ]] || fail "terminal QR has $lines lines for $n modules"

rc=0; "$bin" workshop qr "" 2>"$tmp/err" || rc=$?
[[ $rc -eq 2 ]] && grep -q "1 to 2,000 bytes" "$tmp/err" || fail "empty text: rc $rc, $(cat "$tmp/err")"
rc=0; "$bin" workshop qr "$(head -c 3000 /dev/zero | tr '\0' x)" 2>"$tmp/err" || rc=$?
[[ $rc -eq 2 ]] && grep -q "has 3000" "$tmp/err" || fail "long text: rc $rc, $(cat "$tmp/err")"
rc=0; "$bin" workshop qr "$url" --format png 2>"$tmp/err" || rc=$?
[[ $rc -ne 0 ]] || fail "an unknown format was accepted"
echo "workshop qr: modules, SVG, terminal and errors OK"
