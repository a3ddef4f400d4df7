#!/usr/bin/env bash
# Builds what the ingest benchmark needs and runs it (store vs raw _bulk). Arguments go to the benchmark; --help
# lists them. Uses TAPLINE_ES_URL when set, else starts an embedded Elasticsearch node under a temp dir.
# Extra JVM options for the benchmark JVM: BENCH_JAVA_OPTS (default -Xms2g -Xmx2g).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cp_file="$root/bench/target/ingest.classpath"

cd "$root"
# Only the bench module and what it depends on: other modules may be mid-edit in a shared tree.
mvn -q -DskipTests install -pl bench -am
mvn -q -pl bench dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile="$cp_file"

# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
exec java ${BENCH_JAVA_OPTS:--Xms2g -Xmx2g} \
  -cp "$root/bench/target/classes:$(cat "$cp_file")" \
  io.tapline.bench.ingest.IngestBenchmark "$@"
