#!/usr/bin/env bash
# Stops what scripts/replica/start.sh started (standby first) and removes its data; safe when nothing runs.
set -uo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
state="$root/.tmp/replica"
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
as_postgres() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [[ -f "$state/dir" ]]; then
  dir=$(cat "$state/dir")
  for node in standby primary; do
    if [[ -f "$dir/$node/postmaster.pid" ]]; then
      as_postgres "$PG_BIN/pg_ctl" -D "$dir/$node" -m immediate -w -t 30 stop >/dev/null && echo "postgres $node stopped"
    fi
  done
  [[ "$dir" == /tmp/clipper-replica.* ]] && rm -rf "$dir"
  rm -f "$state/dir"
fi
exit 0
