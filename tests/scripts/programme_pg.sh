#!/usr/bin/env bash
# A training programme on a real PostgreSQL 15 (#20), with real logins and no mocks: a cluster
# of its own in a temporary folder on a free loopback port (never the system one on 5432), the
# schema applied by `impasse programme init` as a non-superuser administrator, two cohorts with
# a supervisor each and three trainees. It checks that row-level security holds against
# hand-written SQL over each person's own connection (a trainee cannot read another's drill or
# notes; a supervisor cannot see another cohort; the administrator reads no drill), that
# check-ins stay on the laptop unless included, the push/pull round trip, an idempotent re-push,
# a push interrupted by killing the client and by killing the server (nothing kept, nothing
# duplicated, all there after pushing again), a drill changed offline, and a withdrawal.
# Skips (77) only when PostgreSQL's binaries are missing (scripts/setup --test installs them).
set -euo pipefail
bin=$1
src=$2
. "$src/tests/scripts/lib/pg_cluster.sh"
pg_have_binaries || { echo "SKIP: PostgreSQL 15 is not installed (scripts/setup --test)"; exit 77; }

tmp=$(mktemp -d)
chmod 711 "$tmp"  # the server, run as postgres when we are root, reaches its folder through it
bg=()
cleanup() {
  for p in "${bg[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  [ -n "${PG_DIR:-}" ] && pg_stop immediate
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; [ -n "${PG_DIR:-}" ] && tail -5 "$PG_DIR/log"; exit 1; }
case=$src/tests/golden/confrontation-rewind/scenario.yaml

pg_start "$tmp/pg"
pg_boot postgres -c "CREATE ROLE admin LOGIN CREATEROLE PASSWORD 'admin-pw'" \
  -c "CREATE DATABASE programme OWNER admin"

# Passwords only in the pgpass file; the connection strings carry none.
export PGPASSFILE=$tmp/pgpass
echo "127.0.0.1:$PG_PORT:programme:admin:admin-pw" >"$PGPASSFILE"
chmod 600 "$PGPASSFILE"
unset PGPASSWORD PGSERVICE PGUSER PGDATABASE PGHOST PGPORT
db="host=127.0.0.1 port=$PG_PORT dbname=programme"
as() { local who=$1; shift; psql -X -q -t -A -v ON_ERROR_STOP=1 "$db user=$who" "$@"; }

set +e
msg=$("$bin" programme init --db "$db user=admin password=admin-pw" 2>&1)
rc=$?
set -e
[ "$rc" = 1 ] && grep -q "pgpass" <<<"$msg" || fail "a password in --db was not refused: $msg"

"$bin" programme init --db "$db user=admin" 2>&1 | grep -q "schema is in place" || fail "init"
"$bin" programme init --db "$db user=admin" 2>&1 | grep -q "already" || fail "init twice"
"$bin" programme add-cohort --db "$db user=admin" c1 --title "Cohort one" 2>/dev/null
"$bin" programme add-cohort --db "$db user=admin" c2 2>/dev/null

# Every table has row-level security enabled and forced.
loose=$(as admin -c "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = 'impasse' AND c.relkind = 'r' AND NOT (c.relrowsecurity AND c.relforcerowsecurity)")
[ "$loose" = 0 ] || fail "$loose tables without forced row-level security"

person() {  # person KIND COHORT NAME -> prints the role name; the password is NAME-pw
  printf '%s\n' "$3-pw" >"$tmp/pw-$3"
  local role
  role=$("$bin" programme add-person --db "$db user=admin" --role "$1" --cohort "$2" --name "$3" \
    --password-file "$tmp/pw-$3" 2>/dev/null)
  echo "127.0.0.1:$PG_PORT:programme:$role:$3-pw" >>"$PGPASSFILE"
  echo "$role"
}
sup1=$(person supervisor c1 "Sue Supervisor")
sup2=$(person supervisor c2 "Dan Supervisor")
ta=$(person trainee c1 "Alice Trainee")
tb=$(person trainee c1 "Bob Trainee")
tc=$(person trainee c2 "Cleo Trainee")
for r in "$sup1" "$sup2" "$ta" "$tb" "$tc"; do
  [[ $r =~ ^imp_[0-9a-f]{16}$ ]] || fail "role name not opaque: $r"
done
[ "$(as "$ta" -c "SELECT count(*) FROM pg_roles WHERE rolname ILIKE '%alice%' OR rolname ILIKE '%sue%'")" = 0 ] ||
  fail "a display name is in pg_roles"

# Trainees play: Alice two drills (the first with a rewound turn), Bob and Cleo one each.
play() { printf "$2" | "$bin" play "$case" --fixed-order --seed 4 --data-dir "$1" >/dev/null; }
play "$tmp/a" '1\n:back\n2\n1\n1\n1\n1\n1\n'
play "$tmp/a" '2\n1\n1\n1\n1\n1\n'
play "$tmp/b" '2\n1\n1\n1\n1\n1\n'
play "$tmp/c" '2\n1\n1\n1\n1\n1\n'
# A check-in on each of Alice's drills (the CLI has no check-in form; the window writes the same row).
python3 - "$tmp/a/impasse.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for drill in (1, 2):
    db.execute("INSERT INTO checkins (drill_id, turn, feelings, intensity, urges, body, created_at)"
               " VALUES (?, 0, '[\"irritated\"]', 6, '[\"defend\"]', 'jaw tight',"
               " '2026-12-04T06:00:00.000Z')", (drill,))
db.commit()
PY
export_of() { "$bin" data export --data-dir "$1"; }
uid_of() { export_of "$1" | python3 -c "import json,sys; print(json.load(sys.stdin)['drills'][$2]['uid'])"; }
turns_of() { export_of "$1" | python3 -c "import json,sys; print(len(json.load(sys.stdin)['drills'][$2]['turns']))"; }
a1=$(uid_of "$tmp/a" 0)
a2=$(uid_of "$tmp/a" 1)
b1=$(uid_of "$tmp/b" 0)
c1=$(uid_of "$tmp/c" 0)
na1=$(turns_of "$tmp/a" 0)
na2=$(turns_of "$tmp/a" 1)

"$bin" share 1 --cohort c1 --data-dir "$tmp/a" >/dev/null 2>&1
"$bin" share "$a2" --cohort c1 --with-checkins --data-dir "$tmp/a" >/dev/null 2>&1
"$bin" share all --cohort c1 --data-dir "$tmp/b" >/dev/null 2>&1
"$bin" share 1 --cohort c2 --data-dir "$tmp/c" >/dev/null 2>&1
cp -a "$tmp/a" "$tmp/a-copy"  # the laptop as it was before the first push

out=$("$bin" sync --db "$db user=$ta" --data-dir "$tmp/a")
[ "$out" = "sent 2, already there 0, withdrawn 0, notes 0, assignments 0" ] || fail "first sync: $out"
"$bin" sync --db "$db user=$tb" --data-dir "$tmp/b" >/dev/null
"$bin" sync --db "$db user=$tc" --data-dir "$tmp/c" >/dev/null
server_turns() { pg_boot programme -t -A -c "SELECT count(*) FROM impasse.turns WHERE drill_uid = '$1'"; }
[ "$(server_turns "$a1")" = "$na1" ] || fail "drill a1 has $(server_turns "$a1") turns on the server, $na1 here"
[ "$(server_turns "$a2")" = "$na2" ] || fail "drill a2 turns"
[ "$(pg_boot programme -t -A -c "SELECT count(*) FROM impasse.turns WHERE drill_uid = '$a1' AND idx = 0
  AND input->>'response' IS DISTINCT FROM (SELECT input->>'response' FROM impasse.turns WHERE drill_uid = '$a2' AND idx = 0)")" = 0 ] ||
  fail "the rewound-away answer reached the server"

# Check-ins: only with the drill that included them.
[ "$(pg_boot programme -t -A -c "SELECT count(*) FROM impasse.checkins WHERE drill_uid = '$a1'")" = 0 ] ||
  fail "a check-in left the laptop without being included"
[ "$(pg_boot programme -t -A -c "SELECT count(*) FROM impasse.checkins WHERE drill_uid = '$a2'")" = 1 ] ||
  fail "the included check-in did not arrive"

# Isolation, by hand-written SQL over each person's own login.
[ "$(as "$tb" -c "SELECT count(*) FROM impasse.drills WHERE uid IN ('$a1', '$a2')")" = 0 ] ||
  fail "trainee B reads trainee A's drills"
[ "$(as "$tb" -c "SELECT count(*) FROM impasse.turns WHERE owner <> session_user")" = 0 ] ||
  fail "trainee B reads others' turns"
[ "$(as "$tb" -c "SELECT count(*) FROM impasse.checkins")" = 0 ] || fail "trainee B reads check-ins"
[ "$(as "$tb" -c "WITH x AS (UPDATE impasse.drills SET ending = 'x' WHERE uid = '$a1' RETURNING 1)
  SELECT count(*) FROM x")" = 0 ] || fail "trainee B changed A's drill"
[ "$(as "$tb" -c "WITH x AS (DELETE FROM impasse.turns WHERE drill_uid = '$a1' RETURNING 1)
  SELECT count(*) FROM x")" = 0 ] || fail "trainee B deleted A's turns"
as "$tb" -c "INSERT INTO impasse.drills (uid, cohort, scenario, scenario_hash, seed, started_at, status)
  VALUES (gen_random_uuid(), 'c2', 's', 'h', 1, now(), 'finished')" 2>/dev/null &&
  fail "trainee B shared into a cohort they are not in"
as "$tb" -c "INSERT INTO impasse.notes (cohort, drill_uid, turn_uid, text)
  SELECT cohort, drill_uid, uid, 'self-praise' FROM impasse.turns LIMIT 1" 2>/dev/null &&
  fail "a trainee wrote a note"
[ "$(as "$tb" -c "SELECT string_agg(display_name, ',' ORDER BY display_name) FROM impasse.people")" = "Bob Trainee,Sue Supervisor" ] ||
  fail "trainee B sees people: $(as "$tb" -c "SELECT string_agg(display_name, ',') FROM impasse.people")"
[ "$(as "$sup2" -c "SELECT count(*) FROM impasse.drills WHERE cohort = 'c1' OR owner IN ('$ta', '$tb')")" = 0 ] ||
  fail "the supervisor of cohort 2 reads cohort 1"
[ "$(as "$sup2" -c "SELECT count(*) FROM impasse.people WHERE role_name IN ('$ta', '$tb', '$sup1')")" = 0 ] ||
  fail "the supervisor of cohort 2 sees cohort 1's people"
[ "$(as "$sup2" -c "SELECT count(*) FROM impasse.drills")" = 1 ] || fail "supervisor 2 misses cohort 2"
[ "$(as admin -c "SELECT count(*) FROM impasse.drills")" = 0 ] || fail "the administrator reads drills"
as "$ta" -c "SET ROLE impasse_trainee; SELECT count(*) FROM impasse.drills WHERE owner <> '$ta'" |
  grep -qx 0 || fail "SET ROLE widened what a trainee reads"

# The supervisor of cohort 1 sees its three shared drills, newest first, and none of cohort 2.
list=$("$bin" review --db "$db user=$sup1" --cohort c1 --json)
python3 - "$list" "$a1" "$a2" "$b1" <<'PY' || fail "supervisor 1's list: $list"
import json, sys
drills = json.loads(sys.argv[1])
uids = [d["drill_uid"] for d in drills]
assert sorted(uids) == sorted(sys.argv[2:5]), uids
assert [d["started_at"] for d in drills] == sorted((d["started_at"] for d in drills), reverse=True)
assert {d["trainee"] for d in drills} == {"Alice Trainee", "Bob Trainee"}
PY
# Pages of the listing: two, then the one after the second (the stderr line says how), then
# none after the last; a drill of another cohort, or no uid at all, is refused.
p1=$("$bin" review --db "$db user=$sup1" --cohort c1 --json --limit 2 2>"$tmp/page.err")
next=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])[-1]['drill_uid'])" "$p1")
grep -q -- "--older-than $next" "$tmp/page.err" || fail "a full page does not say how to see older: $(cat "$tmp/page.err")"
p2=$("$bin" review --db "$db user=$sup1" --cohort c1 --json --limit 2 --older-than "$next" 2>"$tmp/page.err")
[ -s "$tmp/page.err" ] && fail "a last page says there are older drills: $(cat "$tmp/page.err")"
python3 - "$list" "$p1" "$p2" <<'PY' || fail "the pages are not the listing in order: $p1 / $p2"
import json, sys
whole, p1, p2 = (json.loads(a) for a in sys.argv[1:4])
assert len(p1) == 2 and len(p2) == 1, (p1, p2)
assert p1 + p2 == whole, (p1, p2, whole)
PY
last=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])[-1]['drill_uid'])" "$p2")
[ "$("$bin" review --db "$db user=$sup1" --cohort c1 --json --older-than "$last")" = "[]" ] ||
  fail "drills listed after the oldest"
"$bin" review --db "$db user=$sup1" --cohort c2 --older-than "$last" 2>"$tmp/page.err" &&
  fail "--older-than a drill of another cohort was accepted"
grep -q "no shared drill $last in cohort c2" "$tmp/page.err" || fail "unclear: $(cat "$tmp/page.err")"
"$bin" review --db "$db user=$sup1" --cohort c1 --older-than "x'; DROP TABLE impasse.drills; --" \
  2>"$tmp/page.err" && fail "a malformed --older-than was accepted"
grep -q "is not a drill uid" "$tmp/page.err" || fail "unclear: $(cat "$tmp/page.err")"
[ "$("$bin" review --db "$db user=$sup1" --cohort c2 --json)" = "[]" ] || fail "supervisor 1 sees cohort 2"
[ "$("$bin" review --db "$db user=$tb" --cohort c1 --json | grep -c drill_uid)" = 1 ] ||
  fail "trainee B's review shows others' drills"

# Notes and ratings: written by the supervisor, read back on the trainee's laptop.
turn0=$("$bin" review --db "$db user=$sup1" --cohort c1 --drill "$a2" --json |
  python3 -c "import json,sys; print(json.load(sys.stdin)['turns'][0]['uid'])")
"$bin" note --db "$db user=$sup1" "$turn0" --rating 3 --text "First try" >/dev/null
"$bin" note --db "$db user=$sup1" "$turn0" --rating 4 --principle accept_responsibility=2 \
  --principle non_defensive=1 --text "You owned your part." >/dev/null
set +e
"$bin" note --db "$db user=$sup1" "$turn0" --principle not_a_principle=2 --text x >/dev/null 2>&1
[ $? = 2 ] || fail "an unknown principle was accepted"
msg=$("$bin" note --db "$db user=$sup2" "$turn0" --rating 1 --text "not mine" 2>&1)
rc=$?
set -e
[ "$rc" = 1 ] && grep -q "no shared turn" <<<"$msg" || fail "supervisor 2 noted cohort 1's turn: $msg"
[ "$(as "$tb" -c "SELECT count(*) FROM impasse.notes")" = 0 ] || fail "trainee B reads A's notes"
[ "$(as "$sup2" -c "SELECT count(*) FROM impasse.notes")" = 0 ] || fail "supervisor 2 reads cohort 1's notes"
out=$("$bin" sync --db "$db user=$ta" --data-dir "$tmp/a")
[ "$out" = "sent 0, already there 2, withdrawn 0, notes 1, assignments 0" ] || fail "pull: $out"
export_of "$tmp/a" | python3 -c "
import json, sys
notes = json.load(sys.stdin)['programme']['notes']
assert len(notes) == 1, notes
n = notes[0]
assert n['text'] == 'You owned your part.' and n['overall'] == 4, n
assert n['principles'] == {'accept_responsibility': 2, 'non_defensive': 1}, n
assert n['author'] == 'Sue Supervisor' and n['turn_uid'] == '$turn0', n
" || fail "the note did not come back whole"

# Idempotent re-push: the laptop's copy from before the first push sends everything again; the
# server keeps one copy of each turn, and the note stays on its turn.
out=$("$bin" sync --db "$db user=$ta" --data-dir "$tmp/a-copy")
[ "$out" = "sent 2, already there 0, withdrawn 0, notes 1, assignments 0" ] || fail "re-push: $out"
[ "$(server_turns "$a1")" = "$na1" ] && [ "$(server_turns "$a2")" = "$na2" ] || fail "re-push duplicated"
[ "$(pg_boot programme -t -A -c "SELECT count(*) FROM impasse.notes")" = 1 ] || fail "re-push lost the note"

# A drill changed offline (now shared with its check-ins) is sent at the next sync.
"$bin" share 1 --cohort c1 --with-checkins --data-dir "$tmp/a" >/dev/null 2>&1
out=$("$bin" sync --db "$db user=$ta" --data-dir "$tmp/a")
[ "$out" = "sent 1, already there 1, withdrawn 0, notes 1, assignments 0" ] || fail "changed drill: $out"
[ "$(pg_boot programme -t -A -c "SELECT count(*) FROM impasse.checkins WHERE drill_uid = '$a1'")" = 1 ] ||
  fail "the changed drill's check-in did not arrive"

# Interrupted pushes. The superuser holds the turns table locked, so the push stops inside its
# transaction (its drill row written, uncommitted); then the client or the server is killed.
lock_turns() {
  pg_boot programme -c "BEGIN" -c "LOCK TABLE impasse.turns IN ACCESS EXCLUSIVE MODE" \
    -c "SELECT pg_sleep(60)" >/dev/null 2>&1 &
  bg+=($!)
  locker=$!
  for _ in $(seq 100); do
    [ "$(pg_boot programme -t -A -c "SELECT count(*) FROM pg_locks WHERE granted
      AND mode = 'AccessExclusiveLock' AND relation = 'impasse.turns'::regclass")" = 1 ] && return 0
    sleep 0.1
  done
  fail "the superuser could not lock the turns"
}
wait_blocked() {
  for _ in $(seq 100); do
    n=$(pg_boot programme -t -A -c "SELECT count(*) FROM pg_stat_activity
      WHERE usename = '$ta' AND wait_event_type = 'Lock'" 2>/dev/null || echo 0)
    [ "$n" = 1 ] && return 0
    sleep 0.1
  done
  fail "the push never reached the locked table"
}
play "$tmp/a" '2\n1\n1\n1\n1\n1\n'
a3=$(uid_of "$tmp/a" 2)
"$bin" share "$a3" --cohort c1 --data-dir "$tmp/a" >/dev/null 2>&1

lock_turns
"$bin" sync --db "$db user=$ta" --data-dir "$tmp/a" >"$tmp/killed.out" 2>&1 &
client=$!
bg+=($client)
wait_blocked
kill -9 "$client"
wait "$client" 2>/dev/null || true
pg_boot programme -c "SELECT pg_terminate_backend($(pg_boot programme -t -A -c \
  "SELECT pid FROM pg_stat_activity WHERE query LIKE '%pg_sleep(60)%' AND pid <> pg_backend_pid()"))" >/dev/null
wait "$locker" 2>/dev/null || true
for _ in $(seq 50); do  # the orphaned backend rolls back once the lock is free
  [ "$(pg_boot programme -t -A -c "SELECT count(*) FROM pg_stat_activity WHERE usename = '$ta'")" = 0 ] && break
  sleep 0.1
done
[ "$(pg_boot programme -t -A -c "SELECT count(*) FROM impasse.drills WHERE uid = '$a3'")" = 0 ] ||
  fail "a killed client's push left a drill behind"
out=$("$bin" sync --db "$db user=$ta" --data-dir "$tmp/a")
[ "$out" = "sent 1, already there 2, withdrawn 0, notes 1, assignments 0" ] || fail "after the killed client: $out"
[ "$(server_turns "$a3")" = "$(turns_of "$tmp/a" 2)" ] || fail "after the killed client: turns"

play "$tmp/a" '2\n1\n1\n1\n1\n1\n'
a4=$(uid_of "$tmp/a" 3)
"$bin" share "$a4" --cohort c1 --data-dir "$tmp/a" >/dev/null 2>&1
lock_turns
"$bin" sync --db "$db user=$ta" --data-dir "$tmp/a" >"$tmp/crash.out" 2>&1 &
client=$!
bg+=($client)
wait_blocked
pg_stop immediate
set +e
wait "$client"
rc=$?
set -e
[ "$rc" = 1 ] || fail "sync survived the server's crash with exit $rc: $(cat "$tmp/crash.out")"
grep -q "still in your outbox" "$tmp/crash.out" || fail "no clear message: $(cat "$tmp/crash.out")"
pg_restart_only
[ "$(pg_boot programme -t -A -c "SELECT count(*) FROM impasse.drills WHERE uid = '$a4'")" = 0 ] ||
  fail "a push cut by the server's crash left a drill behind"
out=$("$bin" sync --db "$db user=$ta" --data-dir "$tmp/a")
[ "$out" = "sent 1, already there 3, withdrawn 0, notes 1, assignments 0" ] || fail "after the crash: $out"
dupes=$(pg_boot programme -t -A -c "SELECT count(*) - count(DISTINCT (uid, cohort)) FROM impasse.turns")
[ "$dupes" = 0 ] || fail "$dupes duplicated turns"
for i in 0 1 2 3; do
  u=$(uid_of "$tmp/a" $i)
  [ "$(server_turns "$u")" = "$(turns_of "$tmp/a" $i)" ] || fail "drill $i: turns on the server differ"
done

# Withdrawal: the drill and the note on it leave the server; the trainee's copy of the note stays.
out=$("$bin" unshare "$a2" --cohort c1 --db "$db user=$ta" --data-dir "$tmp/a")
[ "$out" = "sent 0, already there 3, withdrawn 1, notes 0, assignments 0" ] || fail "unshare: $out"
[ "$(pg_boot programme -t -A -c "SELECT count(*) FROM impasse.drills WHERE uid = '$a2'")" = 0 ] ||
  fail "the withdrawn drill is still on the server"
[ "$(pg_boot programme -t -A -c "SELECT (SELECT count(*) FROM impasse.turns WHERE drill_uid = '$a2')
  + (SELECT count(*) FROM impasse.notes) + (SELECT count(*) FROM impasse.checkins WHERE drill_uid = '$a2')")" = 0 ] ||
  fail "the withdrawn drill's turns, notes or check-ins are still on the server"
[ "$(export_of "$tmp/a" | python3 -c "import json,sys; print(len(json.load(sys.stdin)['programme']['notes']))")" = 1 ] ||
  fail "the trainee's pulled note went with the withdrawal"
"$bin" review --db "$db user=$sup1" --cohort c1 --json | grep -q "$a2" && fail "the supervisor still lists it"
# Deleting a record with --db deletes its shared copies from the server first.
"$bin" data delete --yes --db "$db user=$tb" --data-dir "$tmp/b" 2>/dev/null
[ "$(pg_boot programme -t -A -c "SELECT count(*) FROM impasse.drills WHERE owner = '$tb'")" = 0 ] ||
  fail "data delete --db left the trainee's copies on the server"

# Agreement (#20): a second supervisor joins cohort 1; both rate the turns of the drills still
# shared there (overall, three principles on every turn, a fourth on four turns only), and the
# figures `impasse programme agreement` prints match a separate computation here, from the
# server's rows read as the superuser. The drills so far chose options (their scores are the
# author's ratings); Alice first shares two drills she answered in her own words (the scorer's).
printf '%s\n' "You're frustrated with me, tell me what it is like sitting here with me" \
  "Not what you expected from me, say more about that right now" "I have been too quiet, that is on me" \
  "That sounds frightening, can we look at it together now" "What makes it hard to let me see you need help" \
  "I am here and I am not giving up on you" | "$bin" play "$case" --seed 7 --data-dir "$tmp/a" >/dev/null || true
printf '%s\n' "I only nod because that is how this works" "Okay, whatever you say" "Sorry" |
  "$bin" play "$case" --seed 8 --data-dir "$tmp/a" >/dev/null || true
for k in -2 -1; do
  "$bin" share "$(uid_of "$tmp/a" "$k")" --cohort c1 --data-dir "$tmp/a" >/dev/null 2>&1 || fail "share typed drill $k"
done
"$bin" sync --db "$db user=$ta" --data-dir "$tmp/a" | grep -q "^sent 2," || fail "the typed drills were not sent"
sup3=$(person supervisor c1 "Ray Supervisor")
turn_uids=$(for d in $(as "$sup1" -c "SELECT uid FROM impasse.drills WHERE cohort = 'c1' ORDER BY uid"); do
  "$bin" review --db "$db user=$sup1" --cohort c1 --drill "$d" --json |
    python3 -c "import json,sys; print('\n'.join(t['uid'] for t in json.load(sys.stdin)['turns']))"
done)
python3 - "$sup1" "$sup3" $turn_uids >"$tmp/plan" <<'PY'
import random, sys
rng = random.Random(20)
sups, turns = sys.argv[1:3], sys.argv[3:]
for i, t in enumerate(turns):
    for s in sups:
        args = ["--rating", str(rng.randint(1, 5))]
        for p in ("non_defensive", "explore_patient_experience", "here_and_now"):
            args += ["--principle", f"{p}={rng.randint(0, 2)}"]
        if i < 4:
            args += ["--principle", f"we_ness={rng.randint(0, 2)}"]
        print(s, t, *args)
PY
[ "$(wc -l <"$tmp/plan")" -ge 24 ] || fail "too few shared turns to rate: $(wc -l <"$tmp/plan")"
while read -r who turn rest; do
  # shellcheck disable=SC2086
  "$bin" note --db "$db user=$who" "$turn" $rest >/dev/null || fail "note by $who on $turn"
done <"$tmp/plan"
"$bin" programme agreement --db "$db user=$sup1" --cohort c1 --json >"$tmp/agreement.json"
"$bin" programme agreement --db "$db user=$sup3" --cohort c1 --csv >"$tmp/agreement.csv"
table=$("$bin" programme agreement --db "$db user=$sup1" --cohort c1)
for h in "Supervisor vs scorer (typed answers)" "Supervisor vs author (chosen options)" "Supervisor vs supervisor"; do
  grep -qF "$h" <<<"$table" || fail "the agreement table has no '$h': $table"
done
pg_boot programme -t -A -c "SELECT json_agg(json_build_object('uid', uid, 'overall', overall,
  'principles', record->'scores'->'principles', 'kind', input->>'kind')) FROM impasse.turns
  WHERE cohort = 'c1'" >"$tmp/turns.json"
python3 - "$tmp/plan" "$tmp/turns.json" "$tmp/agreement.json" "$tmp/agreement.csv" <<'PY' || fail "agreement figures differ"
import csv, json, math, sys
from itertools import combinations
plan = [l.split() for l in open(sys.argv[1])]
turns = {t["uid"]: t for t in json.load(open(sys.argv[2]))}
got = json.load(open(sys.argv[3]))
rows = list(csv.DictReader(open(sys.argv[4])))

ratings = {}  # (sup, turn) -> {"overall": r, principle: r}
for who, turn, *args in plan:
    r = {}
    for flag, v in zip(args[::2], args[1::2]):
        if flag == "--rating": r["overall"] = int(v)
        else: k, x = v.split("="); r[k] = int(x)
    ratings[(who, turn)] = r

def level_p(p): return 2 if p >= 0.5 else (1 if p >= 0.25 else 0)
def level_o(o): return min(5, max(1, math.floor(1 + o / 25 + 0.5)))
def rank(x):
    order = sorted(range(len(x)), key=lambda i: x[i])
    r = [0.0] * len(x); i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and x[order[j + 1]] == x[order[i]]: j += 1
        for k in range(i, j + 1): r[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return r
def pearson(x, y):
    mx, my = sum(x) / len(x), sum(y) / len(y)
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    sxx = sum((a - mx) ** 2 for a in x); syy = sum((b - my) ** 2 for b in y)
    return None if sxx == 0 or syy == 0 else sxy / math.sqrt(sxx * syy)
def spearman(x, y): return pearson(rank(x), rank(y))
def icc21(x, y):
    n, k = len(x), 2
    g = (sum(x) + sum(y)) / (n * k)
    ssr = k * sum(((a + b) / 2 - g) ** 2 for a, b in zip(x, y))
    ssc = n * ((sum(x) / n - g) ** 2 + (sum(y) / n - g) ** 2)
    sst = sum((a - g) ** 2 + (b - g) ** 2 for a, b in zip(x, y))
    msr, msc, mse = ssr / (n - 1), ssc, (sst - ssr - ssc) / (n - 1)
    d = msr + mse + 2 * (msc - mse) / n
    return None if sst == 0 or d <= 0 else (msr - mse) / d
def kappa(a, b, cats, w):
    n = len(a)
    obs = sum(w(x, y) for x, y in zip(a, b)) / n
    exp = sum(w(x, y) * a.count(x) * b.count(y) for x in cats for y in cats) / n / n
    return None if exp < 1e-12 else 1 - obs / exp
def figure(measure, pairs):
    if len(pairs) < 10: return {"n": len(pairs), "spearman": None, "icc_2_1": None, "kappa": None}
    x = [p[0] for p in pairs]; y = [p[1] for p in pairs]
    if measure == "overall":
        k = kappa(x, y, range(1, 6), lambda i, j: (i - j) ** 2 / 16)
    else:
        k = kappa([v == 2 for v in x], [v == 2 for v in y], [False, True], lambda i, j: float(i != j))
    return {"n": len(pairs), "spearman": spearman(x, y), "icc_2_1": icc21(x, y), "kappa": k}

measures = ["overall", "non_defensive", "explore_patient_experience", "here_and_now", "we_ness"]
want = {}
for m in measures:
    # Typed answers against the scorer (the model's probabilities at the feedback's cut-offs);
    # chosen options against the author's ratings (stored as 0, 0.5, 1: 2p gives them back).
    vs = {"supervisor_vs_scorer": [], "supervisor_vs_author": []}
    for (who, turn), r in sorted(ratings.items()):
        t = turns[turn]
        if m not in r: continue
        option = t["kind"] == "option"
        key = "supervisor_vs_author" if option else "supervisor_vs_scorer"
        if m == "overall" and t["overall"] is not None:
            vs[key].append((r[m], level_o(t["overall"])))
        elif m != "overall" and isinstance((t["principles"] or {}).get(m), (int, float)):
            p = t["principles"][m]
            vs[key].append((r[m], min(2, max(0, math.floor(2 * p + 0.5))) if option else level_p(p)))
    for key, pairs in vs.items():
        want[(key, m)] = figure(m, pairs)
    vs_sup = []
    for turn in sorted(turns):
        who = sorted(w for (w, t) in ratings if t == turn)
        for a, b in combinations(who, 2):
            if m in ratings[(a, turn)] and m in ratings[(b, turn)]:
                vs_sup.append((ratings[(a, turn)][m], ratings[(b, turn)][m]))
    want[("supervisor_vs_supervisor", m)] = figure(m, vs_sup)

figs = {(f["comparison"], f["measure"]): f for f in got["figures"]}
csvs = {(r["comparison"], r["measure"]): r for r in rows}
assert got["ratings"] == len(plan), got["ratings"]
for key, w in want.items():
    f, c = figs[key], csvs[key]
    assert f["n"] == w["n"] == int(c["n"]), (key, f, w)
    for stat in ("spearman", "icc_2_1", "kappa"):
        if w["n"] < 10:
            assert f[stat] is None and c[stat] == "" and f["note"] == "not enough ratings (n < 10)", (key, stat, f)
        elif w[stat] is None:
            assert f[stat] is None and c[stat] == "" and f["note"].startswith("undefined"), (key, stat, f)
        else:
            assert abs(f[stat] - w[stat]) < 1e-9, (key, stat, f[stat], w[stat])
            assert abs(float(c[stat]) - w[stat]) < 1e-6, (key, stat, c[stat], w[stat])
n = lambda c, m: want[(c, m)]["n"]
assert n("supervisor_vs_scorer", "overall") >= 14 and n("supervisor_vs_author", "overall") >= 24, want
assert n("supervisor_vs_scorer", "we_ness") + n("supervisor_vs_author", "we_ness") == 8, want
defined = [k for k, w in want.items() if w["kappa"] is not None and w["icc_2_1"] is not None]
assert {k[0] for k in defined} == set(vs) | {"supervisor_vs_supervisor"}, defined
print("agreement:", {f"{k[0][11:]}/{k[1]}": (w["n"], *(None if w[s] is None else round(w[s], 3)
      for s in ("spearman", "icc_2_1", "kappa"))) for k, w in want.items()})
PY
# Row-level security holds here too: the other cohort's supervisor finds no ratings.
"$bin" programme agreement --db "$db user=$sup2" --cohort c1 --json | grep -q '"ratings": 0' ||
  fail "supervisor 2 reads cohort 1's ratings"

# Assignments (#20): supervisor 1 sets an assessment for cohort 1; both of its trainees pull it
# on sync, play it with the pinned seed and meet the same option order; their status (and only
# that) arrives; a copy of the case with different content is refused clearly.
asg=$("$bin" programme assign --db "$db user=$sup1" --cohort c1 --case "$case" --title "Week 1 assessment" \
  --due 2027-03-01 --assessment 2>/dev/null)
[[ $asg =~ ^[0-9a-f-]{36}$ ]] || fail "assign printed '$asg'"
"$bin" programme assign --db "$db user=$ta" --cohort c1 --case "$case" --title "self-set" >/dev/null 2>&1 &&
  fail "a trainee set an assignment"
"$bin" programme assign --db "$db user=$sup2" --cohort c1 --case "$case" --title "not mine" >/dev/null 2>&1 &&
  fail "supervisor 2 set an assignment for cohort 1"
mkdir -m 700 "$tmp/b2"
for who in a b2; do
  role=$ta; [ "$who" = b2 ] && role=$tb
  out=$("$bin" sync --db "$db user=$role" --data-dir "$tmp/$who")
  [[ $out == *", assignments 1" ]] || fail "sync for $who did not fetch the assignment: $out"
done
[[ $("$bin" sync --db "$db user=$tc" --data-dir "$tmp/c") == *", assignments 0" ]] ||
  fail "a trainee of cohort 2 fetched cohort 1's assignment"
moments() {  # the nodes met and each one's options, in the order shown
  python3 -c "
import json, sys
print(json.dumps([(e['node'], [o['id'] for o in e['options']]) for e in map(json.loads, sys.stdin)
                  if e.get('event') == 'moment']))"
}
printf '1\n1\n1\n1\n1\n1\n1\n1\n1\n1\n1\n1\n' | "$bin" play "$case" --assignment "$asg" --json --data-dir "$tmp/a" |
  moments >"$tmp/order-a" || fail "trainee A could not play the assessment"
set +e
printf '1\n' | "$bin" play "$case" --assignment "$asg" --json --data-dir "$tmp/b2" | moments >"$tmp/order-b"
set -e
python3 - "$tmp/order-a" "$tmp/order-b" <<'PY' || fail "the trainees met different option orders"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
# B answers once (so B's drill is still under way: "started"), A until the end. The pinned seed
# is drawn when the assignment is made, and a second answer could end some paths (one time in
# several), so B stops after one. B meets the first two moments with the same options in the
# same order as A; A's path may be no longer than that.
assert len(b) >= 2 and len(a) >= len(b), (a, b)
assert a[:len(b)] == b, (a, b)
PY
seed_of() { export_of "$1" | python3 -c "import json,sys; print(json.load(sys.stdin)['drills'][-1]['seed'])"; }
pinned=$("$bin" assignments --json --data-dir "$tmp/a" | python3 -c "import json,sys; print(json.load(sys.stdin)[0]['seed'])")
[ "$(seed_of "$tmp/a")" = "$pinned" ] && [ "$(seed_of "$tmp/b2")" = "$pinned" ] ||
  fail "the drills were not played with the pinned seed $pinned"
"$bin" assignments --data-dir "$tmp/a" | grep -q "done" || fail "trainee A's assignment is not done"
"$bin" assignments --data-dir "$tmp/b2" | grep -q "started" || fail "trainee B's assignment is not started"

# A copy of the case with other content: refused with a clear message, and no drill started.
sed 's/This is a waste of my time/This is a total waste of my time/' "$case" >"$tmp/changed.yaml"
! cmp -s "$case" "$tmp/changed.yaml" || fail "the changed case is not changed"
before=$(export_of "$tmp/a" | python3 -c "import json,sys; print(len(json.load(sys.stdin)['drills']))")
set +e
msg=$(printf '1\n' | "$bin" play "$tmp/changed.yaml" --assignment "$asg" --data-dir "$tmp/a" 2>&1 >/dev/null)
rc=$?
set -e
[ "$rc" = 1 ] && grep -q "different patient" <<<"$msg" || fail "a changed case was not refused clearly ($rc): $msg"
[ "$(export_of "$tmp/a" | python3 -c "import json,sys; print(len(json.load(sys.stdin)['drills']))")" = "$before" ] ||
  fail "the refused assessment started a drill"

# The statuses arrive with the next sync, and nothing of the unshared drills does.
drills_before=$(pg_boot programme -t -A -c "SELECT count(*) FROM impasse.drills")
"$bin" sync --db "$db user=$ta" --data-dir "$tmp/a" >/dev/null
"$bin" sync --db "$db user=$tb" --data-dir "$tmp/b2" >/dev/null
[ "$(pg_boot programme -t -A -c "SELECT count(*) FROM impasse.drills")" = "$drills_before" ] ||
  fail "playing an assignment shared its drill"
"$bin" programme assignments --db "$db user=$sup1" --cohort c1 --json | python3 -c "
import json, sys
rows = json.load(sys.stdin)
got = {r['trainee']: r['status'] for r in rows}
assert got == {'Alice Trainee': 'done', 'Bob Trainee': 'started'}, got
assert all(r['assignment_uid'] == '$asg' and r['assessment'] for r in rows), rows
" || fail "the supervisor does not see the statuses"
[ "$(as "$sup2" -c "SELECT count(*) FROM impasse.assignment_status")" = 0 ] ||
  fail "supervisor 2 reads cohort 1's assignment status"

# An assessment pinned to another scorer than this Impasse's: refused clearly, no drill started.
pg_boot programme -c "UPDATE impasse.assignments SET scorer_version = 'model-0123456789abcdef'
  WHERE uid = '$asg'" >/dev/null
"$bin" sync --db "$db user=$ta" --data-dir "$tmp/a" >/dev/null
before=$(export_of "$tmp/a" | python3 -c "import json,sys; print(len(json.load(sys.stdin)['drills']))")
set +e
msg=$(printf '1\n' | "$bin" play "$case" --assignment "$asg" --data-dir "$tmp/a" 2>&1 >/dev/null)
rc=$?
set -e
[ "$rc" = 1 ] && grep -q "set with scorer model-0123456789abcdef" <<<"$msg" ||
  fail "a different scorer was not refused clearly ($rc): $msg"
[ "$(export_of "$tmp/a" | python3 -c "import json,sys; print(len(json.load(sys.stdin)['drills']))")" = "$before" ] ||
  fail "the assessment pinned to another scorer started a drill"

# A set of moments: supervisor 1 gives two moment drills as an assessment. Alice plays it with
# `--assignment` alone, twice (each time the next moment, with the pinned seed); a moment not
# in the set is refused; the set is done only after both, and that status reaches supervisor 1.
m1=moment-c-every-worksheet
m2=moment-c-fewer-shifts
set=$("$bin" programme assign --db "$db user=$sup1" --cohort c1 --moment "$m1" --moment "$m2" \
  --title "Two moments" --assessment --seed 4242 2>/dev/null)
[[ $set =~ ^[0-9a-f-]{36}$ ]] || fail "assign --moment printed '$set'"
set +e
"$bin" programme assign --db "$db user=$sup1" --cohort c1 --case "$case" --moment "$m1" >/dev/null 2>&1
rc_both=$?
"$bin" programme assign --db "$db user=$sup1" --cohort c1 --moment "$case" >/dev/null 2>&1
rc_case=$?
set -e
[ "$rc_both" = 2 ] && [ "$rc_case" = 2 ] || fail "a case and moments together ($rc_both), or a case as a moment ($rc_case), was set"
[[ $("$bin" sync --db "$db user=$ta" --data-dir "$tmp/a") == *", assignments 2" ]] || fail "the set did not come down"
set_of() { "$bin" assignments --json --data-dir "$tmp/a" | python3 -c "
import json, sys
print(json.dumps([a for a in json.load(sys.stdin) if a['uid'] == '$set'][0]))"; }
set_of | python3 -c "
import json, sys
a = json.load(sys.stdin)
assert a['moments'] == ['$m1', '$m2'] and a['played'] == [] and a['status'] == '' and a['seed'] == 4242, a
" || fail "the set as pulled: $(set_of)"
answer='I can hear how hard this is for you. What is it like for you, right now, here with me?'
played_scenario() { export_of "$tmp/a" | python3 -c "
import json, sys
d = json.load(sys.stdin)['drills'][-1]
print(d['scenario'], d['seed'], d['status'])"; }
printf '%s\n' "$answer" | "$bin" play --assignment "$set" --data-dir "$tmp/a" >/dev/null || fail "the set's first moment"
[ "$(played_scenario)" = "$m1 4242 finished" ] || fail "the first moment played: $(played_scenario)"
set_of | python3 -c "
import json, sys
a = json.load(sys.stdin)
assert a['played'] == ['$m1'] and a['status'] == 'started', a
" || fail "after one moment: $(set_of)"
set +e
msg=$(printf '%s\n' "$answer" | "$bin" play moment-c-now-i-know-what-i-am --assignment "$set" --data-dir "$tmp/a" 2>&1 >/dev/null)
rc=$?
set -e
[ "$rc" = 1 ] && grep -q "is not one" <<<"$msg" || fail "a moment outside the set was played ($rc): $msg"
sed 's/Session fourteen/Session fifteen/' "$src/scenarios/moments/$m1.yaml" >"$tmp/m1-changed.yaml"
set +e
msg=$(printf '%s\n' "$answer" | "$bin" play "$tmp/m1-changed.yaml" --assignment "$set" --data-dir "$tmp/a" 2>&1 >/dev/null)
rc=$?
set -e
[ "$rc" = 1 ] && grep -q "different patient" <<<"$msg" || fail "a changed copy of a moment was played ($rc): $msg"
printf '%s\n' "$answer" | "$bin" play --assignment "$set" --data-dir "$tmp/a" >/dev/null || fail "the set's second moment"
[ "$(played_scenario)" = "$m2 4242 finished" ] || fail "the second moment played: $(played_scenario)"
[ "$(set_of | python3 -c "import json,sys; print(json.load(sys.stdin)['status'])")" = done ] || fail "the set is not done: $(set_of)"
"$bin" sync --db "$db user=$ta" --data-dir "$tmp/a" >/dev/null
"$bin" programme assignments --db "$db user=$sup1" --cohort c1 --json | python3 -c "
import json, sys
got = {r['trainee']: r['status'] for r in json.load(sys.stdin) if r['assignment_uid'] == '$set'}
assert got == {'Alice Trainee': 'done', 'Bob Trainee': ''}, got
" || fail "the supervisor does not see the set done"

# Deleting an assignment: only its cohort's supervisor can; it goes from the supervisor's list
# with its statuses, and from the trainee's laptop at the next sync; the drills played stay.
"$bin" programme unassign --db "$db user=$sup2" "$set" >/dev/null 2>"$tmp/un.err" &&
  fail "supervisor 2 deleted cohort 1's assignment"
grep -q "no assignment $set in a cohort you supervise" "$tmp/un.err" || fail "unclear: $(cat "$tmp/un.err")"
"$bin" programme unassign --db "$db user=$ta" "$set" >/dev/null 2>&1 && fail "a trainee deleted an assignment"
"$bin" programme unassign --db "$db user=$sup1" "not-a-uid" >/dev/null 2>"$tmp/un.err" &&
  fail "a malformed uid was accepted"
grep -q "is not an assignment uid" "$tmp/un.err" || fail "unclear: $(cat "$tmp/un.err")"
drills_before=$("$bin" data export --data-dir "$tmp/a" | python3 -c "import json,sys; print(len(json.load(sys.stdin)['drills']))")
"$bin" programme unassign --db "$db user=$sup1" "$set" | grep -q "Deleted assignment $set" ||
  fail "supervisor 1 could not delete the set"
"$bin" programme assignments --db "$db user=$sup1" --cohort c1 --json | grep -q "$set" &&
  fail "the deleted set is still listed"
[ "$(as admin -c "SELECT count(*) FROM impasse.assignment_status WHERE assignment_uid = '$set'")" = 0 ] ||
  fail "the deleted set's statuses stayed"
"$bin" sync --db "$db user=$ta" --data-dir "$tmp/a" >/dev/null
"$bin" assignments --data-dir "$tmp/a" --json | grep -q "$set" && fail "the laptop kept the deleted set"
drills_after=$("$bin" data export --data-dir "$tmp/a" | python3 -c "import json,sys; print(len(json.load(sys.stdin)['drills']))")
[ "$drills_before" = "$drills_after" ] || fail "deleting the set lost drills ($drills_before -> $drills_after)"
echo "programme_pg: ok"
