#!/usr/bin/env bash
# Builds what the stream benchmark needs and runs it: 1,000 SSE subscribers over loopback while 2,000 records/s
# are published, once per feed source (in-process; Elasticsearch tail follower over an embedded node with a 1 s
# refresh). Arguments go to the benchmark; --help lists them. BENCH_JAVA_OPTS: the client JVM's options.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cp_file="$root/bench/target/stream.classpath"

cd "$root"
# Only the bench module and what it depends on: other modules may be mid-edit in a shared tree.
mvn -q -DskipTests install -pl bench -am
mvn -q -pl bench dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile="$cp_file"

# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
exec java ${BENCH_JAVA_OPTS:--Xms1g -Xmx1g} \
  -cp "$root/bench/target/classes:$(cat "$cp_file")" \
  io.tapline.bench.stream.StreamBenchmark "$@"
