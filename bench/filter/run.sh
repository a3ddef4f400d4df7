#!/usr/bin/env bash
# Filter benchmark (JMH): events/s per core of the enrichment core and of the Logstash adapter, against Jackson
# parse + serialize of the same records, then a summary with the ratios and the targets.
#   bench/filter/run.sh            # default: 1 fork, 3 warmup x 2 s, 5 measurement x 2 s per benchmark
#   bench/filter/run.sh -f 3 -i 10 # any further arguments go to JMH (see: bench/filter/run.sh -h)
# Exit status: 0 = targets met, 2 = a target missed, 1 = the run failed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

# The modules it measures (the gem itself is not needed here, so no Ruby either).
mvn -q -B -f "$root/pom.xml" -DskipTests -Dexec.skip=true install -pl logstash-filter -am
mvn -q -B -f "$here/pom.xml" package

jar="$here/target/filter-bench.jar"
result="$here/target/jmh-result.json"
load_before=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')
java -jar "$jar" -rf json -rff "$result" "$@" 'io.tapline.bench.filter.FilterBenchmark'
[ -s "$result" ] || exit 1
load_after=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')
cores=$(nproc 2>/dev/null || echo '?')
# JMH itself keeps about one core busy; much more than that means other work disturbed the figures.
echo "load average (1 min): $load_before before, $load_after after, on $cores cores"
if awk -v l="$load_after" 'BEGIN { exit !(l + 0 > 1.5) }'; then
  echo "WARNING: other processes were busy during the run: trust the per-CPU-second figures, not the wall clock"
fi
java -cp "$jar" io.tapline.bench.filter.FilterSummary "$result"
