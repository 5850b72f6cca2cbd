#!/usr/bin/env bash
# Starts a real single-node OpenSearch 2.19 on 127.0.0.1 for development and tests: the embedded server from Maven
# Central jars plus the module plugins on the classpath (tools/opensearch). Idempotent: a running node is left alone.
# Prints the URL on the last line. Env: OPENSEARCH_PORT (59200), OPENSEARCH_TRANSPORT_PORT (59300-59399),
# OPENSEARCH_HEAP (512m), OPENSEARCH_START_TIMEOUT (120 s), OPENSEARCH_CACHE (jars + compiled launcher).
set -euo pipefail

source "$(dirname "$0")/lib.sh"
state="$root/.tmp/opensearch"
port=${OPENSEARCH_PORT:-59200}
url="http://127.0.0.1:$port"

mkdir -p "$state"
exec 9>"$state/lock"
flock -w 300 9 || { echo "another opensearch start/stop holds $state/lock" >&2; exit 1; }

if [[ -f "$state/pid" ]] && kill -0 "$(cat "$state/pid")" 2>/dev/null; then
  if [[ "$(cat "$state/port" 2>/dev/null)" == "$port" ]] && healthy "$url"; then
    echo "opensearch already running (pid $(cat "$state/pid"))"
    echo "$url"
    exit 0
  fi
  echo "opensearch pid $(cat "$state/pid") is unhealthy or on another port; restarting it" >&2
fi
bash "$root/scripts/opensearch/stop.sh" >/dev/null
if curl -s -o /dev/null --max-time 2 "$url"; then
  echo "port $port is already taken by something this checkout did not start; set OPENSEARCH_PORT" >&2
  exit 1
fi

prepare_launcher

home=$(mktemp -d /tmp/clipper-opensearch.XXXXXX)
echo "$home" >"$state/home"
echo "$port" >"$state/port"
log="$state/node.log"
started=$SECONDS
launch_node "$home" "$port" "${OPENSEARCH_TRANSPORT_PORT:-59300-59399}" "$log" clipper-dev node-1 >"$state/pid"

deadline=$((SECONDS + ${OPENSEARCH_START_TIMEOUT:-120}))
until healthy "$url"; do
  if ! kill -0 "$(cat "$state/pid")" 2>/dev/null || ((SECONDS >= deadline)); then
    echo "opensearch did not reach yellow on $url within $((SECONDS - started))s; log $log:" >&2
    tail -n 40 "$log" >&2
    bash "$root/scripts/opensearch/stop.sh" >/dev/null
    exit 1
  fi
  sleep 0.5
done
echo "opensearch $version yellow on $url in $((SECONDS - started))s (pid $(cat "$state/pid"), data $home, log $log)"
echo "$url"
