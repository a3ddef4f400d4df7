#!/usr/bin/env bash
# bench/proxy/run.sh: the capture proxy's throughput and latency, side by side with nginx, in one run (issue 3).
#
# Targets, all on loopback, each after its own warm-up, with wrk at full load:
#   direct        wrk -> nginx "upstream" serving a 1 KiB static file
#   nginx proxy   wrk -> nginx reverse proxy (keep-alive upstream pool) -> upstream
#   then, for each capture sink (SINKS, default "logstash file direct"), one `tapline serve` process after another:
#   tapline off   wrk -> tapline, route /off (capture: { enabled: false }) -> upstream
#   tapline on    wrk -> tapline, route /on (capture on, no bodies) -> upstream, every record delivered to the sink:
#                   logstash  TCP json_lines into LineReceiver.java, a separate receiver process that counts each line
#                   file      rolling NDJSON files in the temp dir, every line counted afterwards
#                   direct    in-process into tapline's embedded Elasticsearch node, counted in Elasticsearch
# Then every target at a constant rate of half of the nginx proxy's max (ConstantRate.java: open loop, latency from
# when each request was due; Debian's wrk has no -R). After each capture-on run the script waits until the sink has
# delivered everything and checks that records stored == requests the proxy served (a request and a response
# record each), counted at the destination.
# Prints a table with the ratios against the targets of issue 3, judged on the JUDGE sink (default logstash: the
# production path, where Logstash runs on another machine), and the other sinks for comparison.
# Exit status: 0 = every target met and no record lost, 2 = a target missed or a record lost, 3 = disturbed (other
# processes used more than 0.25 cores during some run: the figures are printed but do not hold), 1 = the run failed.
#
# Options (environment):
#   DURATION (15s), CONNECTIONS (64), THREADS (2), WARMUP (5s): each measured run and the warm-up before it;
#   TAPLINE_WARMUP (20s): right after each tapline starts, this long through /off and again through /on, so that
#     the JIT has compiled the proxy's paths before anything is measured (nginx needs no such warm-up);
#   SINKS ("logstash file direct"): the capture sinks to measure, in this order; JUDGE (logstash): the sink the
#     targets are judged on; HALF_RATE (default: half of the nginx proxy's measured req/s) to pin the constant rate;
#   TAPLINE_HEAP_OPTS (-Xms1g): the heap options README.md recommends for `tapline serve`, given to every tapline
#     process (empty: the JVM's own heap sizing);
#   TAPLINE_JAVA_OPTS: extra JVM options for the tapline processes (e.g. a JFR recording, %s = the sink:
#     TAPLINE_JAVA_OPTS='-XX:StartFlightRecording=filename=/tmp/tapline-%s.jfr,settings=profile');
#   TAPLINE_JAR (launcher/target/tapline.jar): the jar to measure;
#   TRANSPORT (auto): the proxy's socket transport, passed as TAPLINE_PROXY_TRANSPORT (auto = native epoll where it
#     loads, else Java NIO; nio forces NIO, to compare); the proxy line of each tapline log names the one in use;
#   KEEP_TMP=1: keep the temp dir (configs, logs, raw wrk and load generator output).
# Fairness on a small machine: the upstream nginx and the nginx proxy are two separate nginx instances with
# worker_processes 1 each, so the proxy under test never shares a worker with the upstream. Tapline runs as
# `tapline serve` does by default: 2 Netty event loops (one per core), the sink's threads and the embedded
# Elasticsearch JVM (idle with the logstash and file sinks: it serves the API). Clients, upstream, proxy and the
# destination all share the machine's cores, so the table also prints the CPU time each party spent per request,
# and the CPU other processes on the machine took during each run.
set -euo pipefail

DURATION="${DURATION:-15s}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
WARMUP="${WARMUP:-5s}"
TAPLINE_WARMUP="${TAPLINE_WARMUP:-20s}"
HALF_RATE="${HALF_RATE:-}"
KEEP_TMP="${KEEP_TMP:-0}"
SINKS="${SINKS:-logstash file direct}"
JUDGE="${JUDGE:-logstash}"
TRANSPORT="${TRANSPORT:-auto}"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="${TAPLINE_JAR:-$root/launcher/target/tapline.jar}"
PATH="$PATH:/usr/sbin:/sbin"

log() { echo "bench/proxy: $*" >&2; }
die() { echo "bench/proxy: error: $*" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------------- setup
secs() { # 15s / 500ms / 2m / 15 -> seconds (integer, at least 1 for non-zero)
  local v="$1"
  case "$v" in
    *ms) echo $(( (${v%ms} + 999) / 1000 )) ;;
    *s) echo "${v%s}" ;;
    *m) echo $(( ${v%m} * 60 )) ;;
    *) echo "$v" ;;
  esac
}
[[ "$CONNECTIONS" =~ ^[0-9]+$ && "$THREADS" =~ ^[0-9]+$ && "$CONNECTIONS" -ge "$THREADS" && "$THREADS" -ge 1 ]] \
  || die "CONNECTIONS and THREADS must be positive integers with CONNECTIONS >= THREADS"
dur_s="$(secs "$DURATION")"; warm_s="$(secs "$WARMUP")"; jit_s="$(secs "$TAPLINE_WARMUP")"
[[ "$dur_s" =~ ^[0-9]+$ && "$dur_s" -ge 1 && "$dur_s" -le 600 ]] || die "DURATION must be 1s..600s, got $DURATION"
[[ "$warm_s" =~ ^[0-9]+$ && "$warm_s" -le 600 ]] || die "WARMUP must be 0s..600s, got $WARMUP"
[[ "$jit_s" =~ ^[0-9]+$ && "$jit_s" -le 600 ]] || die "TAPLINE_WARMUP must be 0s..600s, got $TAPLINE_WARMUP"
read -r -a sinks <<<"$SINKS"
((${#sinks[@]})) || die "SINKS must name at least one sink"
for s in "${sinks[@]}"; do
  [[ "$s" == logstash || "$s" == file || "$s" == direct ]] || die "SINKS: unknown sink '$s' (logstash, file, direct)"
done
[[ " ${sinks[*]} " == *" $JUDGE "* ]] || die "JUDGE=$JUDGE must be one of SINKS ($SINKS)"

missing=()
command -v nginx >/dev/null 2>&1 || missing+=(nginx)
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
if ((${#missing[@]})); then
  log "installing ${missing[*]} with apt-get"
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found; install ${missing[*]} yourself"
  sudo_cmd=(); [[ $EUID -eq 0 ]] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
for tool in nginx wrk java javac curl ss ps awk; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is required"
done
if [[ ! -f "$jar" ]]; then
  log "building $jar"
  (cd "$root" && { mvn -q -o -DskipTests install || mvn -q -DskipTests install; }) >&2
  [[ -f "$jar" ]] || die "the build did not produce $jar"
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/tapline-bench-proxy.XXXXXX")"
chmod 755 "$tmp" # nginx workers run as nobody when started by root: they must reach the static file
pids=()          # everything we started, cleaned up in reverse
tapline_pid=""
child_pid=""     # the load generator running now (wrk or ConstantRate)

# Runs a client in the background and waits for it, so that a signal is handled at once, not after the run.
run_client() { # output-file command...
  local out="$1"; shift
  "$@" >"$out" &
  child_pid=$!
  wait "$child_pid"
  child_pid=""
}

alive() { # running, not a zombie
  [[ -r "/proc/$1/status" ]] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null
}
tree_pids() { # a pid and all its descendants
  echo "$1"
  local c
  for c in $(ps -o pid= --ppid "$1" 2>/dev/null); do tree_pids "$c"; done
}
stop_pid() { # pid [its descendants, which exit with it]: TERM, wait up to 20 s, then KILL
  local p="$1" k kids=()
  mapfile -t kids < <(tree_pids "$p" | tail -n +2)
  if alive "$p"; then
    kill -TERM "$p" 2>/dev/null || true
    for _ in $(seq 1 100); do alive "$p" || break; sleep 0.2; done
    kill -KILL "$p" 2>/dev/null || true
  fi
  wait "$p" 2>/dev/null || true
  for k in "${kids[@]}"; do
    for _ in $(seq 1 50); do alive "$k" || break; sleep 0.2; done
    kill -KILL "$k" 2>/dev/null || true
  done
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  local i
  if [[ -n "$child_pid" ]]; then kill -TERM "$child_pid" 2>/dev/null || true; wait "$child_pid" 2>/dev/null || true; fi
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do stop_pid "${pids[i]}"; done
  if [[ "$KEEP_TMP" == 1 || $rc -eq 1 ]]; then
    log "temp dir kept: $tmp"
  else
    rm -rf "$tmp"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

cpu_ticks() { # user+system clock ticks of a process tree
  local t=0 p v
  for p in $(tree_pids "$1"); do
    v="$(awk '{sub(/^.*\) /, ""); print $12 + $13}' "/proc/$p/stat" 2>/dev/null || true)"
    t=$((t + ${v:-0}))
  done
  echo "$t"
}
# whole machine: busy ticks, ticks spent in processes (user, nice, system: no interrupts, where loopback traffic's
# softirq work lands without being charged to any process), total ticks
machine_ticks() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9, $2+$3+$4, $2+$3+$4+$5+$6+$7+$8+$9}' /proc/stat; }
client_ms() { # CPU ms of this shell's reaped children (wrk, the load generator) -> $client_cpu_ms
  times >"$tmp/times" # in this shell, not a $(...) subshell: a subshell has no reaped children of its own
  client_cpu_ms="$(awk 'NR==2{n=split($0,a," "); t=0; for(i=1;i<=n;i++){split(a[i],b,"m"); sub(/s$/,"",b[2]); t+=b[1]*60+b[2]}; printf "%d", t*1000}' "$tmp/times")"
}
hz="$(getconf CLK_TCK)"

free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$((20000 + RANDOM % 30000))
    if ! ss -Htan "sport = :$p" 2>/dev/null | grep -q .; then
      echo "$p"; return 0
    fi
  done
  die "no free port found"
}

# ---------------------------------------------------------------------------------------------------- nginx
mkdir -p "$tmp/www"
head -c 1024 /dev/zero | tr '\0' 'x' >"$tmp/www/1k.txt"
chmod 755 "$tmp/www"; chmod 644 "$tmp/www/1k.txt"

nginx_conf() { # name port server-block
  local dir="$tmp/nginx-$1"
  mkdir -p "$dir/logs" "$dir/temp"
  cat >"$dir/nginx.conf" <<EOF
# generated by bench/proxy/run.sh
daemon off;
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $dir/temp/client;
  proxy_temp_path $dir/temp/proxy;
  fastcgi_temp_path $dir/temp/fastcgi;
  uwsgi_temp_path $dir/temp/uwsgi;
  scgi_temp_path $dir/temp/scgi;
  sendfile on;
  tcp_nodelay on;
  keepalive_timeout 75s;
  keepalive_requests 1000000;
  default_type text/plain;
$3
}
EOF
}
started_pid=""
start_nginx() { # name port -> started_pid, once it answers
  local dir="$tmp/nginx-$1" pid
  nginx -p "$dir" -e "$dir/logs/error.log" -c "$dir/nginx.conf" >"$dir/logs/stdout.log" 2>&1 &
  pid=$!
  pids+=("$pid")
  for _ in $(seq 1 50); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$2/bench" 2>/dev/null; then started_pid="$pid"; return 0; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  cat "$dir/logs/error.log" "$dir/logs/stdout.log" >&2 2>/dev/null || true
  die "nginx ($1) did not start on port $2"
}

port_up="$(free_port)"
port_px="$(free_port)"
while [[ "$port_px" == "$port_up" ]]; do port_px="$(free_port)"; done
nginx_conf upstream "$port_up" "  server {
    listen 127.0.0.1:$port_up;
    root $tmp/www;
    location / { try_files /1k.txt =404; }
  }"
nginx_conf proxy "$port_px" "  upstream bench_upstream {
    server 127.0.0.1:$port_up;
    keepalive 64;
  }
  server {
    listen 127.0.0.1:$port_px;
    location / {
      proxy_pass http://bench_upstream;
      proxy_http_version 1.1;
      proxy_set_header Connection \"\";
    }
  }"
log "starting nginx upstream on 127.0.0.1:$port_up and nginx proxy on 127.0.0.1:$port_px"
start_nginx upstream "$port_up"; upstream_pid="$started_pid"
start_nginx proxy "$port_px"; nginxproxy_pid="$started_pid"

# ---------------------------------------------------------------------------------------------------- tools
cls="$tmp/classes"
mkdir -p "$cls"
javac -d "$cls" "$here/ConstantRate.java" "$here/LineReceiver.java"

# The Logstash stand-in, when a sink needs it: a separate process, its counts in a file.
receiver_pid=""
receiver_port=""
recv_counts="$tmp/receiver.counts"
if [[ " ${sinks[*]} " == *" logstash "* ]]; then
  java -Xms256m -Xmx256m -cp "$cls" LineReceiver --counts "$recv_counts" >"$tmp/receiver.out" 2>&1 &
  receiver_pid=$!
  pids+=("$receiver_pid")
  for _ in $(seq 1 100); do
    receiver_port="$(sed -n 's/^LISTENING port=\([0-9]*\)$/\1/p' "$tmp/receiver.out")"
    [[ -n "$receiver_port" && -f "$recv_counts" ]] && break
    alive "$receiver_pid" || break
    sleep 0.1
  done
  [[ -n "$receiver_port" ]] || { cat "$tmp/receiver.out" >&2; die "the json_lines receiver did not start"; }
  log "json_lines receiver (Logstash stand-in) on 127.0.0.1:$receiver_port"
fi
recv_count() { # key -> value in the receiver's counts file
  sed -n "s/.*\b$1=\([0-9]*\).*/\1/p" "$recv_counts"
}

# Run a private copy of the jar: a rebuild of launcher/target during the run must not change classes under us.
for attempt in $(seq 1 30); do
  if [[ -f "$jar" ]] && (( $(date +%s) - $(stat -c %Y "$jar") >= 3 )) && cp "$jar" "$tmp/tapline.jar" \
    && { ! command -v unzip >/dev/null 2>&1 || unzip -tqq "$tmp/tapline.jar" >/dev/null 2>&1; }; then
    break
  fi
  [[ $attempt -lt 30 ]] || die "$jar is missing or keeps changing (a build running?)"
  sleep 2
done

cat >"$tmp/routes.yaml" <<EOF
# generated by bench/proxy/run.sh
routes:
  - name: bench-off
    match: { pathPrefix: /off }
    upstreams: ["http://127.0.0.1:$port_up"]
    projectId: proj_bench_off
    serviceName: bench-upstream
    capture: { enabled: false }
  - name: bench-on
    match: { pathPrefix: /on }
    upstreams: ["http://127.0.0.1:$port_up"]
    projectId: proj_bench_on
    serviceName: bench-upstream
    capture: { enabled: true, requestBody: false, responseBody: false }
EOF

# shellcheck source=bench/proxy/tapline.sh
source "$here/tapline.sh"
# shellcheck source=bench/proxy/measure.sh
source "$here/measure.sh"

# ---------------------------------------------------------------------------------------------------- runs
started_at="$(date -u '+%Y-%m-%d %H:%M UTC')"
loadavg="$(cut -d' ' -f1-3 /proc/loadavg)"
declare -A URL=([direct]="http://127.0.0.1:$port_up/bench" [nginx]="http://127.0.0.1:$port_px/bench")
declare -A NAME=([direct]="direct (nginx upstream)" [nginx]="nginx reverse proxy")
declare -A SERVER=([direct]="$upstream_pid" [nginx]="$nginxproxy_pid")
for t in direct nginx; do
  size="$(curl -fsS -o /dev/null -w '%{size_download}' "${URL[$t]}")" || die "GET ${URL[$t]} failed"
  [[ "$size" == 1024 ]] || die "GET ${URL[$t]} returned $size bytes, expected 1024"
done

wrk_run direct
wrk_run nginx
if [[ -z "$HALF_RATE" ]]; then HALF_RATE=$(( RPS[nginx] / 2 )); fi
[[ "$HALF_RATE" =~ ^[0-9]+$ && "$HALF_RATE" -ge 1 ]] || die "HALF_RATE must be a positive integer"
rate_run h_direct direct "$HALF_RATE"
rate_run h_nginx nginx "$HALF_RATE"

for s in "${sinks[@]}"; do
  start_tapline "$s"
  if [[ "$jit_s" -gt 0 ]]; then
    # A fresh JVM runs interpreted code at first: give the JIT the same /off and /on paths the runs measure.
    log "tapline ($s) JIT warm-up: ${jit_s}s through /off, then ${jit_s}s through /on (not measured)"
    run_client "$tmp/wrk-jit-off-$s.txt" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${jit_s}s" "${URL[off_$s]}"
    on_begin "$s"
    run_client "$tmp/wrk-jit-on-$s.txt" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${jit_s}s" "${URL[on_$s]}"
    on_end "$s" "JIT warm-up (wrk)"
  fi
  wrk_run "off_$s"
  on_begin "$s"
  wrk_run "on_$s"
  on_end "$s" "max load (wrk + its warm-up)"
  rate_run "h_off_$s" "off_$s" "$HALF_RATE"
  on_begin "$s"
  rate_run "h_on_$s" "on_$s" "$HALF_RATE"
  on_end "$s" "constant ${HALF_RATE} req/s"
  stop_tapline
done

# shellcheck source=bench/proxy/report.sh
source "$here/report.sh"
