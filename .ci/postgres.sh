# Start a private PostgreSQL cluster on 127.0.0.1 and export STATION_TEST_PG_URL.
# Sourced by .ci/run; usable by hand: `source .ci/postgres.sh && start_postgres`.
start_postgres() {
  local bindir
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -z "$bindir" ]; then
    echo "PostgreSQL not installed; the fleet tests will fail" >&2
    return 0
  fi
  local dir=${PGTEST_DIR:-/tmp/station-pg}
  local port=${PGTEST_PORT:-55432}
  rm -rf "$dir"; mkdir -p "$dir"
  chown -R postgres:postgres "$dir" 2>/dev/null || true
  local as=""
  [ "$(id -u)" = 0 ] && as="runuser -u postgres --"
  $as "$bindir/initdb" -D "$dir/data" -A trust -U station >/dev/null
  $as "$bindir/pg_ctl" -D "$dir/data" -o "-h 127.0.0.1 -p $port -k $dir" -l "$dir/log" -w start >/dev/null
  $as "$bindir/createdb" -h 127.0.0.1 -p "$port" -U station station_test
  export STATION_TEST_PG_URL="postgresql+psycopg://station@127.0.0.1:$port/station_test"
  echo "PostgreSQL on 127.0.0.1:$port"
}
