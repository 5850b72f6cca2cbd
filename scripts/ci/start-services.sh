#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 cluster and Redis on loopback ports for the test suite.
# State (data dirs, pid files, logs) is recorded under .tmp/services so stop-services.sh can find it.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
state="$root/.tmp/services"
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PG_PORT=${PG_PORT:-55432}
REDIS_PORT=${REDIS_PORT:-56379}

"$root/scripts/ci/stop-services.sh" >/dev/null 2>&1 || true
mkdir -p "$state"

# The cluster runs as the postgres user, which cannot enter the checkout, so its files live in /tmp.
pg_dir=$(mktemp -d /tmp/clipper-ci-pg.XXXXXX)
echo "$pg_dir" >"$state/pg.dir"
mkdir -p "$pg_dir/data" "$pg_dir/sock"
chown -R postgres:postgres "$pg_dir"
chmod 700 "$pg_dir/data"

as_postgres() { runuser -u postgres -- "$@"; }
as_postgres "$PG_BIN/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$pg_dir/initdb.log"
as_postgres "$PG_BIN/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/postgres.log" -w -t 30 \
  -o "-p $PG_PORT -k $pg_dir/sock -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200 -c shared_buffers=512MB" start >/dev/null
echo "postgres $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT (data $pg_dir/data)"

redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
  --pidfile "$state/redis.pid" --logfile "$state/redis.log" --dir "$state"
echo "$REDIS_PORT" >"$state/redis.port"
for _ in $(seq 1 50); do
  if redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; then
    echo "redis $(redis-server --version | awk '{print $3}' | cut -d= -f2) on 127.0.0.1:$REDIS_PORT"
    exit 0
  fi
  sleep 0.1
done
echo "redis did not answer on port $REDIS_PORT; log:" >&2
cat "$state/redis.log" >&2
exit 1
