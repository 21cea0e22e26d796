#!/usr/bin/env bash
# Data safety of the record's folder and output files:
# 1. --data-dir before the subcommand is used (it was ignored: the default folder was created);
#    the window's options before a subcommand are refused, not ignored.
# 2. An existing folder named by --data-dir is never chmod-ed (a warning instead when it is open
#    to others); folders Impasse creates are 0700.
# 3. --out never follows a symlink planted at a temporary name beside the target.
set -euo pipefail
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
run() { env -u XDG_DATA_HOME -u XDG_CONFIG_HOME HOME="$tmp/home" "$bin" "$@"; }
mkdir -p "$tmp/home"

# 1. Global --data-dir before the subcommand.
run --data-dir "$tmp/d1" report --format json --out "$tmp/r1.json"
[ -f "$tmp/d1/impasse.db" ] || fail "--data-dir before 'report' was not used"
[ ! -e "$tmp/home/.local/share/impasse" ] || fail "'--data-dir DIR report' created the default folder"
run --data-dir "$tmp/d2" data export --out "$tmp/e2.json"
[ -f "$tmp/d2/impasse.db" ] || fail "--data-dir before 'data export' was not used"
[ ! -e "$tmp/home/.local/share/impasse" ] || fail "'--data-dir DIR data export' created the default folder"
run --data-dir "$tmp/d1" report --data-dir "$tmp/d1" --format csv >/dev/null
set +e
msg=$(run --data-dir "$tmp/d1" report --data-dir "$tmp/d2" 2>&1); rc=$?
set -e
[ $rc -eq 2 ] || fail "two different --data-dir should exit 2, got $rc"
grep -q "different folders" <<<"$msg" || fail "two --data-dir message: $msg"
set +e
msg=$(run --theme dark report --data-dir "$tmp/d1" 2>&1); rc=$?
set -e
[ $rc -eq 2 ] || fail "--theme before 'report' should be refused (exit 2), got $rc"
grep -q "option of the window" <<<"$msg" || fail "--theme message: $msg"
set +e
msg=$(run --data-dir "$tmp/d1" learn here_and_now 2>&1); rc=$?
set -e
[ $rc -eq 2 ] || fail "--data-dir before 'learn' should be refused (exit 2), got $rc"
grep -q "does not use a data folder" <<<"$msg" || fail "--data-dir learn message: $msg"
[ ! -e "$tmp/home/.local/share/impasse" ] || fail "the default folder was created"

# 2. Folder permissions: new folders 0700, existing ones untouched.
run report --data-dir "$tmp/new/a/b" --format json >/dev/null
for d in "$tmp/new" "$tmp/new/a" "$tmp/new/a/b"; do
  [ "$(stat -c %a "$d")" = 700 ] || fail "created folder $d is $(stat -c %a "$d"), not 700"
done
mkdir "$tmp/shared" && chmod 755 "$tmp/shared"
msg=$(run report --data-dir "$tmp/shared" --format json 2>&1 >/dev/null)
[ "$(stat -c %a "$tmp/shared")" = 755 ] || fail "existing folder was chmod-ed to $(stat -c %a "$tmp/shared")"
grep -q "warning: the data folder .* can be read or written by other users (mode 0755)" <<<"$msg" ||
  fail "no warning for a folder open to others: $msg"
mkdir -m 700 "$tmp/private"
msg=$(run report --data-dir "$tmp/private" --format json 2>&1 >/dev/null)
[ -z "$msg" ] || fail "warning for a private folder: $msg"
mkdir "$tmp/sticky" && chmod 1777 "$tmp/sticky"
run data export --data-dir "$tmp/sticky" --out "$tmp/s.json" 2>/dev/null
[ "$(stat -c %a "$tmp/sticky")" = 1777 ] || fail "a /tmp-like folder was chmod-ed"

# 3. --out and a symlink planted at the old temporary name (and a dangling one).
echo "keep me" >"$tmp/victim"
ln -s "$tmp/victim" "$tmp/out.html.tmp"
run report --data-dir "$tmp/d1" --out "$tmp/out.html"
[ "$(cat "$tmp/victim")" = "keep me" ] || fail "--out wrote through a symlink at out.html.tmp"
{ [ -f "$tmp/out.html" ] && [ ! -L "$tmp/out.html" ]; } || fail "--out did not write a regular file"
[ "$(stat -c %a "$tmp/out.html")" = 600 ] || fail "--out file is not 0600"
ln -s "$tmp/planted" "$tmp/x.json.tmp"
run data export --data-dir "$tmp/d1" --out "$tmp/x.json"
[ ! -e "$tmp/planted" ] || fail "--out created a file through a dangling symlink"
grep -q '"format": "impasse-data/2"' "$tmp/x.json" || fail "export not written"
leftover=$(find "$tmp" -maxdepth 1 -name '*.tmp.*')
[ -z "$leftover" ] || fail "temporary files left behind: $leftover"
# A device or FIFO given to --out is written into, never renamed over.
mkfifo "$tmp/fifo"
timeout 20 cat "$tmp/fifo" >"$tmp/fifo.out" &
reader=$!
run report --data-dir "$tmp/d1" --format json --out "$tmp/fifo"
wait $reader || true
[ -p "$tmp/fifo" ] || fail "--out replaced a FIFO with a file"
grep -q '"drills"' "$tmp/fifo.out" || fail "nothing came through the FIFO: $(head -c 200 "$tmp/fifo.out")"
# A failed write leaves nothing behind and exits 1.
set +e
msg=$(run report --data-dir "$tmp/d1" --out "$tmp/nosuch/out.html" 2>&1); rc=$?
set -e
[ $rc -eq 1 ] || fail "--out into a missing folder should exit 1, got $rc"
grep -q "cannot write" <<<"$msg" || fail "write failure message: $msg"

# 4. A read-only data folder is reported as read-only, not as a damaged record. As root chmod
#    does not stop writes, so the folder is bind-mounted read-only in a private mount namespace;
#    where that is not allowed the check is skipped (and says so).
run data export --data-dir "$tmp/rod" --out "$tmp/rod.json"
cp "$tmp/rod/impasse.db" "$tmp/rod.before"
# shellcheck disable=SC2016  # $1 and $@ belong to the inner shell
ro() { unshare -m sh -c 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && "$@"' \
  sh "$tmp/rod" env -u XDG_DATA_HOME HOME="$tmp/home" "$bin" "$@"; }
if unshare -m sh -c "mount --bind '$tmp/rod' '$tmp/rod' && mount -o remount,bind,ro '$tmp/rod'" 2>/dev/null; then
  for cmd in "report --format json" "data export --out $tmp/rod2.json"; do
    set +e
    # shellcheck disable=SC2086
    msg=$(ro $cmd --data-dir "$tmp/rod" 2>&1); rc=$?
    set -e
    [ $rc -eq 1 ] || fail "$cmd on a read-only folder should exit 1, got $rc"
    grep -q "is read-only (Read-only file system)" <<<"$msg" || fail "read-only message: $msg"
    ! grep -q "damaged\|Move it aside" <<<"$msg" || fail "read-only folder called damaged: $msg"
  done
  cmp -s "$tmp/rod/impasse.db" "$tmp/rod.before" || fail "the record changed"
else
  echo "SKIP: cannot bind-mount read-only here (needs root and unshare -m): read-only check not run"
fi
echo "data safety ok"
