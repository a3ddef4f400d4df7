#!/usr/bin/env bash
# Builds what the query benchmark needs and runs it: loads 1,000,000 records into an embedded Elasticsearch node
# (or TAPLINE_ES_URL / --es-url, a scratch cluster), then measures p50/p99 of three searches through the API and
# straight to Elasticsearch, side by side. Arguments go to the benchmark; --help lists them.
# BENCH_JAVA_OPTS: the benchmark JVM's options (it also runs the API server).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cp_file="$root/bench/target/query.classpath"

cd "$root"
# Only the bench module and what it depends on: other modules may be mid-edit in a shared tree.
mvn -q -DskipTests install -pl bench -am
mvn -q -pl bench dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile="$cp_file"

# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
exec java ${BENCH_JAVA_OPTS:--Xms1g -Xmx1g} \
  -cp "$root/bench/target/classes:$(cat "$cp_file")" \
  io.tapline.bench.query.QueryBenchmark "$@"
