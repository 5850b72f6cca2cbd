#!/usr/bin/env bash
# Starts OPENSEARCH_NODES (3) OpenSearch nodes on 127.0.0.1 that form one cluster (seed hosts + initial cluster
# managers instead of single-node discovery), for the cluster tests (test/opensearch-cluster). Node i serves HTTP on
# OPENSEARCH_CLUSTER_PORT+i-1 (59400...) and transport on that +100. Idempotent: running nodes are left alone and a
# stopped one is started again on its old data, so it rejoins. Waits for green with every node in, then prints the
# node URLs, comma-separated, on the last line. Env also: OPENSEARCH_HEAP (512m each), OPENSEARCH_START_TIMEOUT (180 s).
set -euo pipefail

source "$(dirname "$0")/lib.sh"
state="$root/.tmp/opensearch-cluster"
nodes=${OPENSEARCH_NODES:-3}
base=${OPENSEARCH_CLUSTER_PORT:-59400}

mkdir -p "$state"
exec 9>"$state/lock"
flock -w 300 9 || { echo "another cluster start/stop holds $state/lock" >&2; exit 1; }
prepare_launcher

seeds=() managers=() urls=()
for i in $(seq 1 "$nodes"); do
  seeds+=("127.0.0.1:$((base + 100 + i - 1))")
  managers+=("node-$i")
  urls+=("http://127.0.0.1:$((base + i - 1))")
done
seed_list=$(IFS=,; echo "${seeds[*]}")
manager_list=$(IFS=,; echo "${managers[*]}")
url_list=$(IFS=,; echo "${urls[*]}")

started=$SECONDS
for i in $(seq 1 "$nodes"); do
  dir="$state/node-$i"
  mkdir -p "$dir"
  if [[ -f "$dir/pid" ]] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; then continue; fi
  if [[ ! -f "$dir/home" ]]; then mktemp -d /tmp/clipper-opensearch-cluster.XXXXXX >"$dir/home"; fi
  launch_node "$(cat "$dir/home")" "$((base + i - 1))" "$((base + 100 + i - 1))" "$dir/node.log" clipper-cluster \
    "node-$i" "$seed_list" "$manager_list" >"$dir/pid"
done

deadline=$((SECONDS + ${OPENSEARCH_START_TIMEOUT:-180}))
health="_cluster/health?wait_for_status=green&wait_for_nodes=$nodes&timeout=1s"
until curl -sf -o /dev/null --max-time 5 "${urls[0]}/$health"; do
  for i in $(seq 1 "$nodes"); do
    if ! kill -0 "$(cat "$state/node-$i/pid")" 2>/dev/null || ((SECONDS >= deadline)); then
      echo "opensearch cluster not green with $nodes nodes within $((SECONDS - started))s; node-$i log:" >&2
      tail -n 40 "$state/node-$i/node.log" >&2
      exit 1
    fi
  done
  sleep 0.5
done
echo "opensearch $version cluster of $nodes green in $((SECONDS - started))s (state $state)"
echo "$url_list"
