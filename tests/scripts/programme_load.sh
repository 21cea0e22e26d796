#!/usr/bin/env bash
# Load on a programme server (#20): 50 simulated trainees, each with their own data folder and
# login, in two cohorts with a supervisor each, push and pull concurrently on loopback against a
# real PostgreSQL 15 (a throwaway cluster, as in programme_pg.sh). Every process is bounded by
# `timeout`; nothing is timed or asserted about speed (scripts/bench programme reports latency).
#
#   1. every trainee plays a drill headless, shares it, and all 50 sync at once; ten of them sync
#      at the same moment from a copy of their folder too (the same drill pushed twice at once),
#      and ten sync a second time right after;
#   2. each supervisor writes a note on the first turn of each of their trainees' drills;
#   3. every trainee shares that drill again with its check-ins (so it is sent again, replacing
#      its turns), ten play and share a second drill, and all sync at once again, ten of them
#      twice at once from a copy.
# Then, as the superuser with plain SQL: exactly the expected drills and turns are on the server,
# none lost and none duplicated, each with its owner; and each trainee's own record holds exactly
# the one note written on their own drill, and no one else's.
# Skips (77) only when PostgreSQL's binaries are missing (scripts/setup --test installs them).
set -euo pipefail
bin=$1
src=$2
. "$src/tests/scripts/lib/pg_cluster.sh"
pg_have_binaries || { echo "SKIP: PostgreSQL 15 is not installed (scripts/setup --test)"; exit 77; }
# 50 trainees; 20 in the sanitizer run (IMPASSE_TEST_SLOW=0), where each process is several times
# slower and the server, which does the concurrent work, is the same.
N=50
[ "${IMPASSE_TEST_SLOW:-1}" = 1 ] || N=20
N=${IMPASSE_LOAD_TRAINEES:-$N}
T=60  # seconds any one process may take before it counts as a failure

tmp=$(mktemp -d)
chmod 711 "$tmp"
cleanup() {
  [ -n "${PG_DIR:-}" ] && pg_stop immediate
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; [ -n "${PG_DIR:-}" ] && tail -5 "$PG_DIR/log"; exit 1; }
case=$src/tests/golden/confrontation-rewind/scenario.yaml

pg_start "$tmp/pg"
pg_boot postgres -c "CREATE ROLE admin LOGIN CREATEROLE PASSWORD 'admin-pw'" \
  -c "CREATE DATABASE programme OWNER admin"
export PGPASSFILE=$tmp/pgpass
echo "127.0.0.1:$PG_PORT:programme:admin:admin-pw" >"$PGPASSFILE"
chmod 600 "$PGPASSFILE"
unset PGPASSWORD PGSERVICE PGUSER PGDATABASE PGHOST PGPORT
db="host=127.0.0.1 port=$PG_PORT dbname=programme"
sql() { pg_boot programme -t -A "$@"; }

"$bin" programme init --db "$db user=admin" >/dev/null 2>&1 || fail "init"
person() {  # person KIND COHORT NAME: the role name into $tmp/role-NAME, its pgpass line beside
  printf '%s\n' "$3-pw" >"$tmp/pw-$3"
  local role
  role=$(timeout $T "$bin" programme add-person --db "$db user=admin" --role "$1" --cohort "$2" \
    --name "$3" --password-file "$tmp/pw-$3" 2>/dev/null) || { echo "FAIL: add-person $3"; return 1; }
  echo "127.0.0.1:$PG_PORT:programme:$role:$3-pw" >"$tmp/pgpass-$3"
  echo "$role" >"$tmp/role-$3"
}
cohort_of() { echo "c$(($1 % 2 + 1))"; }
export -f person cohort_of
export bin db tmp T PG_PORT PGPASSFILE
for c in c1 c2; do
  "$bin" programme add-cohort --db "$db user=admin" $c >/dev/null 2>&1 || fail "add-cohort $c"
  person supervisor $c "sup-$c" || fail "supervisor $c"
done
# Several at a time: each is mostly a round trip to the server.
seq "$N" | xargs -P4 -I{} bash -c 'person trainee "$(cohort_of {})" t{}' || fail "adding the trainees"
cat "$tmp"/pgpass-* >>"$PGPASSFILE"
role_of() { cat "$tmp/role-t$1"; }

# Every trainee plays one drill (three at a time) and shares it.
play() { printf '2\n1\n1\n1\n1\n1\n' | timeout $T "$bin" play "$case" --fixed-order --seed "$2" --data-dir "$1" >/dev/null; }
export -f play
export bin case T
seq "$N" | xargs -P3 -I{} bash -c 'play "$0/t{}" {}' "$tmp" || fail "a trainee could not play"
for i in $(seq "$N"); do
  timeout $T "$bin" share all --cohort "$(cohort_of "$i")" --data-dir "$tmp/t$i" >/dev/null 2>&1 ||
    fail "trainee $i could not share"
done

# A wave of syncs, all at once: every trainee; DUP of them also from a copy of their folder taken
# before the wave (the same drills pushed twice at the same moment); AGAIN of them a second time.
wave() {
  local w=$1 pids=() i
  for i in $(seq 1 5 "$N"); do rm -rf "$tmp/copy$i"; cp -a "$tmp/t$i" "$tmp/copy$i"; done
  for i in $(seq "$N"); do
    (
      timeout $T "$bin" sync --db "$db user=$(role_of "$i")" --data-dir "$tmp/t$i" >"$tmp/sync$w-$i.out" 2>&1
      if [ $((i % 5)) = 2 ]; then
        timeout $T "$bin" sync --db "$db user=$(role_of "$i")" --data-dir "$tmp/t$i" >>"$tmp/sync$w-$i.out" 2>&1
      fi
    ) &
    pids+=($!)
    if [ $((i % 5)) = 1 ]; then
      timeout $T "$bin" sync --db "$db user=$(role_of "$i")" --data-dir "$tmp/copy$i" >"$tmp/copy$w-$i.out" 2>&1 &
      pids+=($!)
    fi
  done
  local bad=0
  for p in "${pids[@]}"; do wait "$p" || bad=$((bad + 1)); done
  [ "$bad" = 0 ] || { grep -h . "$tmp"/sync$w-*.out "$tmp"/copy$w-*.out | sort | uniq -c | sort -rn | head -5; fail "wave $w: $bad syncs failed"; }
}
wave 1
[ "$(sql -c "SELECT count(*) FROM pg_stat_activity WHERE usename LIKE 'imp_%'")" = 0 ] ||
  fail "connections left open after sync"

# What the laptops hold, and what the server holds: (owner, cohort, drill uid, turn uid, idx).
expected() {
  for i in $(seq "$N"); do
    sqlite3 -separator '|' "$tmp/t$i/impasse.db" "SELECT '$(role_of "$i")', s.cohort, d.uid, t.uid, t.idx
      FROM programme_shares s JOIN drills d ON d.uid = s.drill_uid JOIN turns t ON t.drill_id = d.id
      WHERE s.wanted = 'share'"
  done | sort
}
on_server() { sql -c "SELECT owner, cohort, drill_uid, uid, idx FROM impasse.turns" | sort; }
check_turns() {  # check_turns DRILLS
  expected >"$tmp/want"
  on_server >"$tmp/got"
  [ "$(cut -d'|' -f3 "$tmp/want" | sort -u | wc -l)" = "$1" ] || fail "the laptops do not share $1 drills"
  [ "$(wc -l <"$tmp/want")" -gt $((2 * $1)) ] || fail "too few turns: $(wc -l <"$tmp/want")"
  diff "$tmp/want" "$tmp/got" >"$tmp/diff" ||
    fail "server and laptops differ ($(grep -c '^<' "$tmp/diff") lost, $(grep -c '^>' "$tmp/diff") extra)"
  [ "$(sql -c "SELECT count(*) FROM impasse.drills")" = "$1" ] || fail "drills on the server: not $1"
  [ "$(sql -c "SELECT count(*) FROM impasse.drills d WHERE turn_count <>
    (SELECT count(*) FROM impasse.turns t WHERE t.drill_uid = d.uid AND t.cohort = d.cohort)")" = 0 ] ||
    fail "a drill's turn_count differs from its turns"
}
check_turns "$N"
for i in $(seq 2 5 "$N"); do
  tail -1 "$tmp/sync1-$i.out" | grep -q "^sent 0, already there 1," || fail "second sync of $i: $(cat "$tmp/sync1-$i.out")"
done

# Each supervisor notes the first turn of each of their trainees' drills, naming its owner.
for c in c1 c2; do
  psql -X -q -t -A -v ON_ERROR_STOP=1 "$db user=$(cat "$tmp/role-sup-$c")" -c "INSERT INTO impasse.notes
    (cohort, drill_uid, turn_uid, text, overall) SELECT cohort, drill_uid, uid, 'note for ' || owner, 3
    FROM impasse.turns WHERE idx = 0" >/dev/null || fail "supervisor of $c could not write notes"
done
[ "$(sql -c "SELECT count(*) FROM impasse.notes")" = "$N" ] || fail "not one note per drill"
[ "$(sql -c "SELECT count(*) FROM impasse.notes n JOIN impasse.memberships m ON m.cohort = n.cohort
  AND m.role_name = n.author AND m.kind = 'supervisor'")" = "$N" ] || fail "a supervisor noted another cohort"

# Every trainee shares the drill again with its check-ins (changed: sent again); every tenth
# plays and shares a second drill; all sync at once again.
for i in $(seq "$N"); do
  c=$(cohort_of "$i")
  timeout $T "$bin" share 1 --cohort "$c" --with-checkins --data-dir "$tmp/t$i" >/dev/null 2>&1 || fail "re-share $i"
  if [ $((i % 10)) = 3 ]; then
    play "$tmp/t$i" $((1000 + i)) || fail "second drill of $i"
    timeout $T "$bin" share 2 --cohort "$c" --data-dir "$tmp/t$i" >/dev/null 2>&1 || fail "share 2 of $i"
  fi
done
second=$(( (N + 7) / 10 ))
wave 2
check_turns $((N + second))
[ "$(sql -c "SELECT count(*) FROM impasse.drills WHERE include_inner")" = "$N" ] ||
  fail "the drills shared again with their check-ins did not all arrive"
[ "$(sql -c "SELECT count(*) FROM impasse.notes")" = "$N" ] || fail "the re-push lost or duplicated notes"
[ "$(sql -c "SELECT count(*) FROM pg_stat_activity WHERE usename LIKE 'imp_%'")" = 0 ] ||
  fail "connections left open after sync"

# Each trainee pulled back exactly the note on their own drill, and no other.
for i in $(seq "$N"); do
  role=$(role_of "$i")
  got=$(sqlite3 -separator '|' "$tmp/t$i/impasse.db" "SELECT n.text, n.turn_uid = t.uid
    FROM programme_notes n LEFT JOIN drills d ON d.uid = n.drill_uid
    LEFT JOIN turns t ON t.drill_id = d.id AND t.idx = 0")
  [ "$got" = "note for $role|1" ] || fail "trainee $i pulled back: $got"
done
echo "programme_load: ok ($N trainees, $(wc -l <"$tmp/got") turns, $N notes)"
