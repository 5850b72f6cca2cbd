#!/usr/bin/env bash
# Stops what start-services.sh started and removes its data; safe to run when nothing is running.
set -uo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
state="$root/.tmp/services"
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

if [[ -f "$state/pg.dir" ]]; then
  pg_dir=$(cat "$state/pg.dir")
  if [[ -f "$pg_dir/data/postmaster.pid" ]]; then
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$pg_dir/data" -m fast -w -t 30 stop >/dev/null && echo "postgres stopped"
  fi
  [[ "$pg_dir" == /tmp/clipper-ci-pg.* ]] && rm -rf "$pg_dir"
  rm -f "$state/pg.dir"
fi

if [[ -f "$state/redis.pid" ]]; then
  pid=$(cat "$state/redis.pid")
  if kill -0 "$pid" 2>/dev/null; then
    redis-cli -p "$(cat "$state/redis.port" 2>/dev/null || echo 56379)" shutdown nosave >/dev/null 2>&1 || kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    echo "redis stopped"
  fi
  rm -f "$state/redis.pid" "$state/redis.port"
fi
exit 0
