# Shared by start.sh and start-cluster.sh (sourced): the jar cache, the compiled launcher and starting one JVM.
# Env: OPENSEARCH_HEAP (512m), OPENSEARCH_CACHE (jars + compiled launcher), OPENSEARCH_JAVA_HOME.

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
tools="$root/tools/opensearch"
JAVA_HOME=${OPENSEARCH_JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
version=$(sed -n 's:.*<opensearch.version>\(.*\)</opensearch.version>.*:\1:p' "$tools/pom.xml")
cache=${OPENSEARCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/clipper/opensearch/$version}

healthy() { curl -sf -o /dev/null --max-time 5 "$1/_cluster/health?wait_for_status=yellow&timeout=1s"; }

# The jar set is keyed by a hash of the pom, so editing the pom refetches; the launcher is recompiled when it changes.
prepare_launcher() {
  local pom_hash src_hash fetch_started
  pom_hash=$(sha256sum "$tools/pom.xml" | cut -c1-16)
  if [[ "$(cat "$cache/lib/.pom-hash" 2>/dev/null)" != "$pom_hash" ]]; then
    echo "fetching opensearch $version jars into $cache/lib"
    fetch_started=$SECONDS
    rm -rf "$cache/lib.partial"
    mkdir -p "$cache"
    mvn -B -q -Dstyle.color=never -f "$tools/pom.xml" \
      org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy-dependencies \
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
}

# launch_node HOME HTTP_PORT TRANSPORT_PORT LOG CLUSTER NODE [SEED_HOSTS INITIAL_MANAGERS]; prints the JVM's pid.
# nohup + </dev/null: the node outlives this shell (a development server); the stop scripts end it by pid.
launch_node() {
  nohup "$JAVA_HOME/bin/java" -Xms"${OPENSEARCH_HEAP:-512m}" -Xmx"${OPENSEARCH_HEAP:-512m}" -XX:+UseG1GC -Xss1m \
    -Dfile.encoding=UTF-8 -Djava.awt.headless=true -Djava.locale.providers=SPI,COMPAT \
    -Dio.netty.noUnsafe=true -Dio.netty.noKeySetOptimization=true -Dio.netty.recycler.maxCapacityPerThread=0 \
    -Dlog4j.shutdownHookEnabled=false -Dlog4j2.disable.jmx=true -XX:-OmitStackTraceInFastThrow \
    -Dlog4j2.configurationFile="$tools/log4j2.properties" \
    -Dos.home="$1" -Dos.http.port="$2" -Dos.transport.port="$3" -Dos.cluster.name="$5" -Dos.node.name="$6" \
    -Dos.seed.hosts="${7:-}" -Dos.initial.managers="${8:-}" \
    -cp "$cache/classes:$cache/lib/*" OpenSearchTestNode >"$4" 2>&1 </dev/null 9>&- &
  echo $!
}

# stop_pid PID: SIGTERM, up to 30 s, then SIGKILL; only when the pid is still our java (a stale file could name a
# reused pid).
stop_pid() {
  local pid=$1
  kill -0 "$pid" 2>/dev/null && grep -q OpenSearchTestNode "/proc/$pid/cmdline" 2>/dev/null || return 1
  kill -TERM "$pid"
  for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  echo "opensearch pid $pid ignored SIGTERM for 30s; killing it" >&2
  kill -KILL "$pid"
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
}
