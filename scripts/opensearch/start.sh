#!/usr/bin/env bash
# Starts a real single-node OpenSearch 2.19 on 127.0.0.1 for development and tests: the embedded server from Maven
# Central jars plus the module plugins on the classpath (tools/opensearch). Idempotent: a running node is left alone.
# Prints the URL on the last line. Env: OPENSEARCH_PORT (59200), OPENSEARCH_TRANSPORT_PORT (59300-59399),
# OPENSEARCH_HEAP (512m), OPENSEARCH_START_TIMEOUT (120 s), OPENSEARCH_CACHE (jars + compiled launcher).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
tools="$root/tools/opensearch"
state="$root/.tmp/opensearch"
JAVA_HOME=${OPENSEARCH_JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
port=${OPENSEARCH_PORT:-59200}
url="http://127.0.0.1:$port"
version=$(sed -n 's:.*<opensearch.version>\(.*\)</opensearch.version>.*:\1:p' "$tools/pom.xml")
cache=${OPENSEARCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/clipper/opensearch/$version}

mkdir -p "$state"
exec 9>"$state/lock"
flock -w 300 9 || { echo "another opensearch start/stop holds $state/lock" >&2; exit 1; }

healthy() { curl -sf -o /dev/null --max-time 5 "$1/_cluster/health?wait_for_status=yellow&timeout=1s"; }

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

# The jar set is keyed by a hash of the pom, so editing the pom refetches; the launcher is recompiled when it changes.
pom_hash=$(sha256sum "$tools/pom.xml" | cut -c1-16)
if [[ "$(cat "$cache/lib/.pom-hash" 2>/dev/null)" != "$pom_hash" ]]; then
  echo "fetching opensearch $version jars into $cache/lib"
  fetch_started=$SECONDS
  rm -rf "$cache/lib.partial"
  mkdir -p "$cache"
  mvn -B -q -Dstyle.color=never -f "$tools/pom.xml" org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy-dependencies \
    -DoutputDirectory="$cache/lib.partial" -DincludeScope=runtime
  echo "$pom_hash" >"$cache/lib.partial/.pom-hash"
  rm -rf "$cache/lib" "$cache/classes"
  mv "$cache/lib.partial" "$cache/lib"
  echo "fetched $(find "$cache/lib" -name '*.jar' | wc -l) jars in $((SECONDS - fetch_started))s"
fi
src_hash=$(sha256sum "$tools/OpenSearchTestNode.java" | cut -c1-16)
if [[ "$(cat "$cache/classes/.src-hash" 2>/dev/null)" != "$src_hash" ]]; then
  rm -rf "$cache/classes"
  "$JAVA_HOME/bin/javac" -Xlint:all -Werror -cp "$cache/lib/*" -d "$cache/classes" "$tools/OpenSearchTestNode.java"
  echo "$src_hash" >"$cache/classes/.src-hash"
fi

home=$(mktemp -d /tmp/clipper-opensearch.XXXXXX)
echo "$home" >"$state/home"
echo "$port" >"$state/port"
log="$state/node.log"
started=$SECONDS
# nohup + </dev/null: the node outlives this shell (a development server); stop.sh ends it by pid.
nohup "$JAVA_HOME/bin/java" -Xms"${OPENSEARCH_HEAP:-512m}" -Xmx"${OPENSEARCH_HEAP:-512m}" -XX:+UseG1GC -Xss1m \
  -Dfile.encoding=UTF-8 -Djava.awt.headless=true -Djava.locale.providers=SPI,COMPAT \
  -Dio.netty.noUnsafe=true -Dio.netty.noKeySetOptimization=true -Dio.netty.recycler.maxCapacityPerThread=0 \
  -Dlog4j.shutdownHookEnabled=false -Dlog4j2.disable.jmx=true -XX:-OmitStackTraceInFastThrow \
  -Dlog4j2.configurationFile="$tools/log4j2.properties" \
  -Dos.home="$home" -Dos.http.port="$port" -Dos.transport.port="${OPENSEARCH_TRANSPORT_PORT:-59300-59399}" \
  -Dos.cluster.name=clipper-dev \
  -cp "$cache/classes:$cache/lib/*" OpenSearchTestNode >"$log" 2>&1 </dev/null 9>&- &
echo $! >"$state/pid"

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
