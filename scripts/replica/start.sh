#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 primary and one streaming hot-standby replica (pg_basebackup -R) on loopback, for
# the read-replica tests (test/replicas). State lives under .tmp/replica so stop.sh can find it.
# Env: REPLICA_PRIMARY_PORT (55632), REPLICA_STANDBY_PORT (55633). Prints the two URLs as TEST_*= lines at the end.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
state="$root/.tmp/replica"
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
primary_port=${REPLICA_PRIMARY_PORT:-55632}
standby_port=${REPLICA_STANDBY_PORT:-55633}

bash "$root/scripts/replica/stop.sh" >/dev/null 2>&1 || true
mkdir -p "$state"

# The servers run as the postgres user, which cannot enter the checkout, so their files live in /tmp.
dir=$(mktemp -d /tmp/clipper-replica.XXXXXX)
echo "$dir" >"$state/dir"
mkdir -p "$dir/primary" "$dir/sock"
chown -R postgres:postgres "$dir"
chmod 700 "$dir/primary"
as_postgres() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# trust auth: initdb's pg_hba.conf then also allows replication connections from 127.0.0.1.
as_postgres "$PG_BIN/initdb" -D "$dir/primary" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
common=(-c listen_addresses=127.0.0.1 -c "unix_socket_directories=$dir/sock" -c fsync=off -c max_connections=100)
as_postgres "$PG_BIN/pg_ctl" -D "$dir/primary" -l "$dir/primary.log" -w -t 30 -o "-p $primary_port ${common[*]} \
  -c wal_level=replica -c max_wal_senders=5 -c wal_keep_size=256MB" start >/dev/null

as_postgres "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$primary_port" -U postgres -D "$dir/standby" -R -X stream \
  -c fast >"$dir/basebackup.log" 2>&1
chmod 700 "$dir/standby"
# In its config file, not on the command line, so scripts/replica/standby.sh can restart it as it was.
printf '%s\n' "port = $standby_port" "listen_addresses = '127.0.0.1'" "unix_socket_directories = '$dir/sock'" \
  "fsync = off" "max_connections = 100" "hot_standby = on" "hot_standby_feedback = on" >>"$dir/standby/postgresql.conf"
as_postgres "$PG_BIN/pg_ctl" -D "$dir/standby" -l "$dir/standby.log" -w -t 30 start >/dev/null

for _ in $(seq 1 100); do
  streaming=$(as_postgres "$PG_BIN/psql" -h 127.0.0.1 -p "$primary_port" -U postgres -Atc \
    "select count(*) from pg_stat_replication where state = 'streaming'")
  [[ "$streaming" == 1 ]] && break
  sleep 0.1
done
[[ "$streaming" == 1 ]] || { echo "standby is not streaming; log:" >&2; tail -n 20 "$dir/standby.log" >&2; exit 1; }
echo "postgres primary 127.0.0.1:$primary_port, streaming standby 127.0.0.1:$standby_port (data $dir)"
echo "TEST_PRIMARY_URL=postgres://postgres@127.0.0.1:$primary_port/postgres"
echo "TEST_REPLICA_URL=postgres://postgres@127.0.0.1:$standby_port/postgres"
