#!/usr/bin/env bash
# `impasse data export` writes the record as JSON; `data delete` refuses without confirmation
# when not interactive, and erases with --yes. A foreign file at the database path is refused.
set -euo pipefail
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" data export --data-dir "$tmp/d" --out "$tmp/out.json"
grep -q '"format": "impasse-data/2"' "$tmp/out.json"
[ "$(stat -c %a "$tmp/d")" = 700 ] || { echo "FAIL: data folder not 0700"; exit 1; }
[ "$(stat -c %a "$tmp/d/impasse.db")" = 600 ] || { echo "FAIL: database not 0600"; exit 1; }
set +e
"$bin" data delete --data-dir "$tmp/d" </dev/null; rc=$?
set -e
[ $rc -eq 2 ] || { echo "FAIL: delete without --yes should refuse (exit 2), got $rc"; exit 1; }
"$bin" data delete --data-dir "$tmp/d" --yes
mkdir -p "$tmp/e" && echo "my notes" > "$tmp/e/impasse.db"
set +e
msg=$("$bin" data export --data-dir "$tmp/e" 2>&1); rc=$?
set -e
[ $rc -eq 1 ] || { echo "FAIL: foreign file should fail"; exit 1; }
echo "$msg" | grep -q "not an SQLite database" || { echo "FAIL: message: $msg"; exit 1; }
[ "$(cat "$tmp/e/impasse.db")" = "my notes" ] || { echo "FAIL: foreign file was changed"; exit 1; }
# Dates are checked: an impossible date is a usage error naming the option.
set +e; msg=$("$bin" report --data-dir "$tmp/e2" --from 2026-02-30 2>&1); rc=$?; set -e
[ $rc -eq 2 ] || { echo "FAIL: --from 2026-02-30 should exit 2, got $rc"; exit 1; }
grep -q "not a calendar date" <<<"$msg" || { echo "FAIL: date message: $msg"; exit 1; }
echo "data cli ok"
