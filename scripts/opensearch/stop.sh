#!/usr/bin/env bash
# Stops the node scripts/opensearch/start.sh started (SIGTERM, up to 30 s, then SIGKILL) and removes its data.
# Safe to run when nothing is running. The jar cache is kept.
set -uo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
state="$root/.tmp/opensearch"

if [[ -f "$state/pid" ]]; then
  pid=$(cat "$state/pid")
  # Only signal the pid when it is still our java (a stale file could name a reused pid).
  if kill -0 "$pid" 2>/dev/null && grep -q OpenSearchTestNode "/proc/$pid/cmdline" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "opensearch pid $pid ignored SIGTERM for 30s; killing it" >&2
      kill -KILL "$pid"
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    echo "opensearch stopped"
  fi
  rm -f "$state/pid" "$state/port"
fi
if [[ -f "$state/home" ]]; then
  home=$(cat "$state/home")
  [[ "$home" == /tmp/clipper-opensearch.* ]] && rm -rf "$home"
  rm -f "$state/home"
fi
exit 0
