#!/usr/bin/env bash
# A programme server under load (scripts/bench programme). In a throwaway PostgreSQL 15 cluster
# (tests/scripts/lib/pg_cluster.sh: its own folder, a free loopback port, fsync off), it
# generates a programme of the given size directly with SQL (generate_series): COHORTS cohorts,
# TRAINEES trainees and SUPERVISORS supervisors spread over them, WEEKS weeks of 3 drills a week
# per trainee, each with the turns of a real drill played by `impasse play` (copied, with new
# uids), and a supervisor's note on one turn in 20. Then it times, end to end (each an `impasse`
# process: start, connect with SCRAM, work, disconnect):
#   * CLIENTS trainees syncing at the same moment, each pushing one new drill and pulling the
#     notes on all their drills (and checks that every pushed turn arrived exactly once);
#   * a supervisor's cohort listing (`impasse review --cohort`: its first page of 100, a page
#     1,000 drills back, and every drill with --all), REPEAT times each;
#   * one drill's review (`impasse review --cohort --drill`), REPEAT times;
#   * the floor: `impasse review` of a cohort with no drills (process, connection and an empty
#     answer), and another cohort's listing (row-level security filters out every drill).
# Prints medians and p95 in ms. Nothing is asserted about speed.
# Usage: programme_load.sh IMPASSE_BINARY SOURCE_DIR [TRAINEES SUPERVISORS COHORTS WEEKS CLIENTS]
set -euo pipefail
bin=$1
src=$2
TRAINEES=${3:-500}
SUPERVISORS=${4:-50}
COHORTS=${5:-10}
WEEKS=${6:-52}
CLIENTS=${7:-200}
REPEAT=${REPEAT:-20}
. "$src/tests/scripts/lib/pg_cluster.sh"
pg_have_binaries || { echo "PostgreSQL 15 is not installed (scripts/setup --test)"; exit 1; }
[ "$CLIENTS" -le "$TRAINEES" ] || { echo "CLIENTS must be at most TRAINEES"; exit 2; }

tmp=$(mktemp -d)
chmod 711 "$tmp"
trap '[ -n "${PG_DIR:-}" ] && pg_stop immediate; rm -rf "$tmp"' EXIT
case=$src/tests/golden/confrontation-rewind/scenario.yaml
ms() { echo $(($(date +%s%N) / 1000000)); }
stats() {  # stats FILE: n, median, p95, max of the numbers in FILE (one a line)
  sort -n "$1" | awk '{a[NR]=$1} END {i=int(NR*0.95+0.999); if (i>NR) i=NR;
    printf "n %d, median %d ms, p95 %d ms, max %d ms\n", NR, (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2), a[i], a[NR]}'
}

pg_start "$tmp/pg"
# Room for the clients syncing at once (the default 100 would refuse some of 200).
echo "max_connections = $((CLIENTS + 50))" >>"$tmp/pg/data/postgresql.conf"
pg_stop fast
pg_restart_only
pg_boot postgres -c "CREATE ROLE admin LOGIN CREATEROLE PASSWORD 'admin-pw'" \
  -c "CREATE DATABASE programme OWNER admin" >/dev/null
export PGPASSFILE=$tmp/pgpass
echo "127.0.0.1:$PG_PORT:programme:admin:admin-pw" >"$PGPASSFILE"
echo "127.0.0.1:$PG_PORT:programme:*:pw" >>"$PGPASSFILE"  # every person's password is pw
chmod 600 "$PGPASSFILE"
unset PGPASSWORD PGSERVICE PGUSER PGDATABASE PGHOST PGPORT
db="host=127.0.0.1 port=$PG_PORT dbname=programme"
sql() { pg_boot programme -t -A "$@"; }
"$bin" programme init --db "$db user=admin" >/dev/null 2>&1

t0=$(ms)
# People: cohort k (1..COHORTS) gets trainees and supervisors round robin; role names are
# imp_ + 16 hex digits from the person's number (t: 0..., s: f...).
psql -X -q -v ON_ERROR_STOP=1 "$db user=admin" >/dev/null <<SQL
INSERT INTO impasse.cohorts (id) SELECT 'c' || k FROM generate_series(1, $COHORTS) k;
SELECT impasse.add_person(format('imp_%s', lpad(to_hex(i), 16, '0'))::name, 'trainee',
  'c' || (1 + (i - 1) % $COHORTS), 'Trainee ' || i) FROM generate_series(1, $TRAINEES) i;
SELECT impasse.add_person(format('imp_f%s', lpad(to_hex(i), 15, '0'))::name, 'supervisor',
  'c' || (1 + (i - 1) % $COHORTS), 'Supervisor ' || i) FROM generate_series(1, $SUPERVISORS) i;
SQL
pg_boot programme -q -c "SET password_encryption = 'scram-sha-256'" -c "DO \$\$ DECLARE r name; BEGIN
  FOR r IN SELECT role_name FROM impasse.people LOOP EXECUTE format('ALTER ROLE %I PASSWORD %L', r, 'pw');
  END LOOP; END \$\$"
trainee() { printf 'imp_%016x' "$1"; }
supervisor() { printf 'imp_f%015x' "$1"; }

# One real drill, played and pushed by trainee 1: the template of every generated drill's turns.
printf '2\n1\n1\n1\n1\n1\n' | "$bin" play "$case" --fixed-order --seed 4 --data-dir "$tmp/template" >/dev/null
"$bin" share all --cohort c1 --data-dir "$tmp/template" >/dev/null 2>&1
"$bin" sync --db "$db user=$(trainee 1)" --data-dir "$tmp/template" >/dev/null
per=$(sql -c "SELECT count(*) FROM impasse.turns")

# Drills: 3 a week for WEEKS weeks, the newest this week; turns: the template's, cycled to 10.
sql -q <<SQL
CREATE TEMP TABLE tpl AS SELECT idx, node, input, overall, record FROM impasse.turns;
INSERT INTO impasse.drills (uid, cohort, owner, scenario, scenario_hash, seed, started_at, ended_at,
  ending, status, mean_score, turn_count)
SELECT gen_random_uuid(), 'c' || (1 + (i - 1) % $COHORTS), format('imp_%s', lpad(to_hex(i), 16, '0')),
  'golden-confrontation-rewind', 'b818e23d764e89fa', w * 3 + d,
  now() - make_interval(days => w * 7 + d * 2, secs => i), now() - make_interval(days => w * 7 + d * 2, secs => i - 600),
  'resolved', 'finished', 40 + (i * 7 + w) % 50, 10
FROM generate_series(1, $TRAINEES) i, generate_series(0, $WEEKS - 1) w, generate_series(0, 2) d;
INSERT INTO impasse.turns (uid, cohort, drill_uid, owner, idx, node, input, overall, record, created_at)
SELECT gen_random_uuid(), d.cohort, d.uid, d.owner, k, t.node, t.input, t.overall, t.record,
  d.started_at + make_interval(secs => k * 30)
FROM impasse.drills d CROSS JOIN generate_series(0, 9) k JOIN tpl t ON t.idx = k % $per
WHERE d.uid NOT IN (SELECT drill_uid FROM impasse.turns);
INSERT INTO impasse.notes (cohort, drill_uid, turn_uid, author, text, overall, principles)
SELECT t.cohort, t.drill_uid, t.uid,
  format('imp_f%s', lpad(to_hex(1 + (abs(hashtext(t.drill_uid::text)) % ($SUPERVISORS / $COHORTS)) * $COHORTS
    + (substr(t.cohort, 2)::int - 1)), 15, '0')),
  'You stayed with her anger here.', 3, '{"non_defensive": 1}'
FROM impasse.turns t WHERE abs(hashtext(t.uid::text)) % 20 = 0;
ANALYZE;
SQL
t1=$(ms)
read -r drills turns notes size < <(sql -F ' ' -c "SELECT (SELECT count(*) FROM impasse.drills),
  (SELECT count(*) FROM impasse.turns), (SELECT count(*) FROM impasse.notes),
  pg_size_pretty(pg_database_size('programme'))")
echo "generated: $COHORTS cohorts, $TRAINEES trainees, $SUPERVISORS supervisors, $WEEKS weeks:" \
  "$drills drills, $turns turns, $notes notes, database $size, in $(((t1 - t0) / 1000)) s"

# CLIENTS trainees (2..CLIENTS+1, so in every cohort), each with a laptop holding one new drill
# (the template's, with new uids, shared with their cohort).
python3 - "$tmp" "$CLIENTS" "$COHORTS" <<'PY'
import shutil, sqlite3, sys, uuid
tmp, clients, cohorts = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
for n in range(2, clients + 2):
    d = f"{tmp}/laptop{n}"
    shutil.copytree(f"{tmp}/template", d)
    db = sqlite3.connect(f"{d}/impasse.db")
    new = str(uuid.uuid4())
    db.execute("UPDATE drills SET uid = ?", (new,))
    db.execute("UPDATE programme_shares SET drill_uid = ?, cohort = ?, pushed_digest = NULL, pushed_at = NULL",
               (new, f"c{1 + (n - 1) % cohorts}"))
    for (rowid,) in db.execute("SELECT rowid FROM turns").fetchall():
        db.execute("UPDATE turns SET uid = ? WHERE rowid = ?", (str(uuid.uuid4()), rowid))
    db.execute("DELETE FROM programme_notes")
    db.commit()
PY
before=$(sql -c "SELECT count(*) FROM impasse.turns")
t2=$(ms)
for n in $(seq 2 $((CLIENTS + 1))); do
  (
    s=$(ms)
    timeout 120 "$bin" sync --db "$db user=$(trainee "$n")" --data-dir "$tmp/laptop$n" >"$tmp/sync$n.out" 2>&1 ||
      echo "failed: $(cat "$tmp/sync$n.out")" >>"$tmp/sync-failed"
    echo $(($(ms) - s)) >"$tmp/sync$n.ms"
  ) &
done
wait
t3=$(ms)
cat "$tmp"/sync*.ms >"$tmp/sync.ms"
after=$(sql -c "SELECT count(*) FROM impasse.turns")
pulled=$(cat "$tmp"/sync*.out | sed -n 's/.*notes \([0-9]*\),.*/\1/p' | awk '{s+=$1} END {print s+0}')
echo "sync, $CLIENTS trainees at once (push 1 drill of $per turns, pull their notes): $(stats "$tmp/sync.ms");" \
  "all done in $((t3 - t2)) ms; $([ -f "$tmp/sync-failed" ] && wc -l <"$tmp/sync-failed" || echo 0) failed;" \
  "turns arrived $((after - before)) of $((CLIENTS * per)) (duplicates: $(sql -c "SELECT count(*) - count(DISTINCT (drill_uid, cohort, idx)) FROM impasse.turns"));" \
  "notes pulled $pulled"
[ -f "$tmp/sync-failed" ] && head -3 "$tmp/sync-failed"

sup=$(supervisor 1)  # a supervisor of cohort c1
cohort_drills=$(sql -c "SELECT count(*) FROM impasse.drills WHERE cohort = 'c1'")
drill=$(sql -c "SELECT uid FROM impasse.drills WHERE cohort = 'c1' ORDER BY started_at DESC LIMIT 1 OFFSET 5")
time_it() {  # time_it FILE COMMAND...: REPEAT runs, one figure a line in FILE
  : >"$1"
  local f=$1 i s
  shift
  for i in $(seq "$REPEAT"); do
    s=$(ms)
    "$@" >/dev/null 2>"$tmp/time_it.err" || { cat "$tmp/time_it.err" >&2; exit 1; }
    echo $(($(ms) - s)) >>"$f"
  done
}
time_it "$tmp/floor.ms" "$bin" review --db "$db user=$sup" --cohort none --json
time_it "$tmp/other.ms" "$bin" review --db "$db user=$sup" --cohort c2 --json
time_it "$tmp/cohort.ms" "$bin" review --db "$db user=$sup" --cohort c1 --json
time_it "$tmp/cohort_all.ms" "$bin" review --db "$db user=$sup" --cohort c1 --json --all
older=$("$bin" review --db "$db user=$sup" --cohort c1 --json --limit 1000 2>/dev/null |
  python3 -c "import json,sys; print(json.load(sys.stdin)[-1]['drill_uid'])")
time_it "$tmp/cohort_older.ms" "$bin" review --db "$db user=$sup" --cohort c1 --json --older-than "$older"
time_it "$tmp/drill.ms" "$bin" review --db "$db user=$sup" --cohort c1 --drill "$drill" --json
echo "floor (review of a cohort with no drills: process, connection, empty answer): $(stats "$tmp/floor.ms")"
echo "another cohort's listing (review --cohort c2: row-level security filters out all its drills): $(stats "$tmp/other.ms")"
echo "cohort listing, first page (review --cohort c1: the newest 100 of $cohort_drills drills): $(stats "$tmp/cohort.ms")"
echo "cohort listing, a page 1,000 drills back (review --cohort c1 --older-than UID): $(stats "$tmp/cohort_older.ms")"
echo "cohort listing, every drill (review --cohort c1 --all: $cohort_drills drills): $(stats "$tmp/cohort_all.ms")"
echo "one drill's review (review --drill, 10 turns and their notes): $(stats "$tmp/drill.ms")"
# The server's own time for the cohort listing's queries, as the supervisor (row-level security
# on): the first page as `review` asks for it, and the whole listing. With BENCH_PLANS=FILE the
# first page's whole plan is kept in FILE.
page_sql="SELECT d.uid, p.display_name,
  (SELECT count(*) FROM impasse.notes n WHERE n.drill_uid = d.uid AND n.cohort = d.cohort)
  FROM impasse.drills d LEFT JOIN impasse.people p ON p.role_name = d.owner
  WHERE d.cohort = 'c1' ORDER BY d.started_at DESC, d.uid DESC"
psql -X -q -t -A "$db user=$sup" -c "EXPLAIN (ANALYZE, BUFFERS, FORMAT TEXT) $page_sql LIMIT 100" \
  >"$tmp/plan.txt"
[ -n "${BENCH_PLANS:-}" ] && cp "$tmp/plan.txt" "$BENCH_PLANS"
grep -E "Execution Time" "$tmp/plan.txt" | sed 's/^/cohort listing, first page, on the server: /'
psql -X -q -t -A "$db user=$sup" -c "EXPLAIN (ANALYZE, FORMAT TEXT) $page_sql" |
  grep -E "Execution Time" | sed 's/^/cohort listing, every drill, on the server: /'
