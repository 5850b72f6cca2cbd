#!/usr/bin/env bash
# `standby.sh stop|start`: stops or restarts the standby of scripts/replica/start.sh on its data, so tests can take a
# replica away and bring it back (it catches up from the primary's WAL).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
dir=$(cat "$root/.tmp/replica/dir")
as_postgres() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-}" in
  stop) as_postgres "$PG_BIN/pg_ctl" -D "$dir/standby" -m fast -w -t 30 stop >/dev/null ;;
  start) as_postgres "$PG_BIN/pg_ctl" -D "$dir/standby" -l "$dir/standby.log" -w -t 30 start >/dev/null ;;
  *) echo "usage: $0 stop|start" >&2; exit 2 ;;
esac
