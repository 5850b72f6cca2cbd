#!/usr/bin/env bash
# Stops the node scripts/opensearch/start.sh started (SIGTERM, up to 30 s, then SIGKILL) and removes its data.
# Safe to run when nothing is running. The jar cache is kept.
set -uo pipefail

source "$(dirname "$0")/lib.sh"
state="$root/.tmp/opensearch"

if [[ -f "$state/pid" ]]; then
  stop_pid "$(cat "$state/pid")" && echo "opensearch stopped"
  rm -f "$state/pid" "$state/port"
fi
if [[ -f "$state/home" ]]; then
  home=$(cat "$state/home")
  [[ "$home" == /tmp/clipper-opensearch.* ]] && rm -rf "$home"
  rm -f "$state/home"
fi
exit 0
