# Start a private PostgreSQL cluster on 127.0.0.1 and export STATION_TEST_PG_URL.
# Sourced by .ci/run; usable by hand: `source .ci/postgres.sh && start_postgres`
# (then `stop_postgres`). PGTEST_DIR and PGTEST_PORT override the folder and the port.
_pg_bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
_pg_as() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

stop_postgres() {
  local dir=${PGTEST_DIR:-/tmp/station-pg} bindir
  bindir=$(_pg_bindir)
  if [ -n "$bindir" ] && [ -f "$dir/data/postmaster.pid" ]; then
    _pg_as "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
}

_port_free() {
  python3 -c "import socket,sys; s=socket.socket(); s.bind(('127.0.0.1', int(sys.argv[1])))" "$1" 2>/dev/null
}

start_postgres() {
  local bindir dir port
  bindir=$(_pg_bindir)
  if [ -z "$bindir" ]; then
    echo "PostgreSQL not installed; the fleet tests will fail" >&2
    return 0
  fi
  dir=${PGTEST_DIR:-/tmp/station-pg}
  port=${PGTEST_PORT:-55432}
  stop_postgres  # a cluster left over from an earlier run in the same folder
  while ! _port_free "$port"; do port=$((port + 1)); done
  rm -rf "$dir"; mkdir -p "$dir"
  chown -R postgres:postgres "$dir" 2>/dev/null || true
  _pg_as "$bindir/initdb" -D "$dir/data" -A trust -U station >/dev/null
  _pg_as "$bindir/pg_ctl" -D "$dir/data" -o "-h 127.0.0.1 -p $port -k $dir" -l "$dir/log" -w start >/dev/null
  _pg_as "$bindir/createdb" -h 127.0.0.1 -p "$port" -U station station_test
  export STATION_TEST_PG_URL="postgresql+psycopg://station@127.0.0.1:$port/station_test"
  echo "PostgreSQL on 127.0.0.1:$port"
}
