#!/usr/bin/env bash
# Stops every node scripts/opensearch/start-cluster.sh started and removes their data; safe when nothing runs.
set -uo pipefail

source "$(dirname "$0")/lib.sh"
state="$root/.tmp/opensearch-cluster"

for dir in "$state"/node-*; do
  [[ -d "$dir" ]] || continue
  [[ -f "$dir/pid" ]] && stop_pid "$(cat "$dir/pid")" && echo "opensearch $(basename "$dir") stopped"
  home=$(cat "$dir/home" 2>/dev/null || true)
  [[ "$home" == /tmp/clipper-opensearch-cluster.* ]] && rm -rf "$home"
  rm -rf "$dir"
done
exit 0
