# A throwaway PostgreSQL 15 cluster for a test, sourced by tests/scripts/programme_*.sh.
#
# pg_start DIR starts one in DIR on a free loopback port (PG_PORT) with SCRAM logins only and the
# superuser `boot` (password in DIR/pw); pg_stop and pg_restart stop and restart it. As root the
# server runs as the user `postgres` (PostgreSQL refuses root), in a folder that user owns.
# pg_have_binaries says whether PostgreSQL's binaries are installed (the test skips without).
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

pg_have_binaries() { [ -x "$PG_BIN/initdb" ] && [ -x "$PG_BIN/pg_ctl" ] && command -v psql >/dev/null; }

pg_as_server() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_free_port() {
  python3 - <<'PY'
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
PY
}

pg_start() {
  PG_DIR=$1
  mkdir -p "$PG_DIR"
  echo "boot-$$-$RANDOM" >"$PG_DIR/pw"
  [ "$(id -u)" = 0 ] && chown -R postgres "$PG_DIR"
  pg_as_server "$PG_BIN/initdb" -D "$PG_DIR/data" -A scram-sha-256 --pwfile="$PG_DIR/pw" -U boot \
    >"$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log"; return 1; }
  PG_PORT=$(pg_free_port)
  pg_restart_only
}

pg_restart_only() {
  pg_as_server "$PG_BIN/pg_ctl" -D "$PG_DIR/data" \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off" -l "$PG_DIR/log" -w start \
    >/dev/null || { cat "$PG_DIR/log"; return 1; }
}

# Stops it; `immediate` kills it without a clean shutdown, as a crash would.
pg_stop() {
  pg_as_server "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m "${1:-fast}" stop >/dev/null 2>&1 || true
}

# psql as the superuser: pg_boot DB [psql arguments...]
pg_boot() {
  local db=$1
  shift
  PGPASSWORD=$(cat "$PG_DIR/pw") psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U boot \
    -d "$db" "$@"
}
