#!/usr/bin/env bash
# bench/proxy/run.sh: the capture proxy's throughput and latency, side by side with nginx, in one run (issue 3).
#
# Four targets, all on loopback, in this order, each after its own warm-up, with wrk at full load:
#   direct        wrk -> nginx "upstream" serving a 1 KiB static file
#   nginx proxy   wrk -> nginx reverse proxy (keep-alive upstream pool) -> upstream
#   tapline off   wrk -> tapline serve, route /off (capture: { enabled: false }) -> upstream
#   tapline on    wrk -> tapline serve, route /on (capture on, no bodies; records into the embedded ES) -> upstream
# then the four again at a constant rate of half of direct's max, with ConstantRate.java (open loop, latency counted
# from when each request was due, so a stall cannot hide; Debian's wrk has no -R), then direct and capture-on at half
# of capture-on's own max for reference. Finally Tapline's /metrics: every /on request must have been recorded.
# Prints a table with the ratios against the targets of issue 3, each PASS or BELOW TARGET.
# Exit status: 0 = every target met, 2 = a target missed, 3 = disturbed (other processes used more than 0.25 cores
# during some run: the figures are printed but do not hold), 1 = the run failed.
#
# Options (environment):
#   DURATION (15s), CONNECTIONS (64), THREADS (2), WARMUP (5s): each measured run and the warm-up before it;
#   TAPLINE_WARMUP (10s): once, right after tapline starts, this long through /off and again through /on, so that
#     the JIT has compiled the proxy's paths before anything is measured (nginx needs no such warm-up);
#   HALF_RATE (default: half of direct's measured req/s) to pin the constant rate;
#   SINK (direct): where tapline's records go: direct (in-process into the embedded Elasticsearch, the default of
#     tapline serve) or file (rolling NDJSON in the temp dir: capture's cost without the indexing);
#   TAPLINE_JAVA_OPTS: extra JVM options for the tapline process only (e.g. a JFR recording:
#     TAPLINE_JAVA_OPTS='-XX:StartFlightRecording=filename=/tmp/tapline.jfr,settings=profile');
#   KEEP_TMP=1: keep the temp dir (configs, logs, raw wrk and load generator output).
# Fairness on a small machine: the upstream nginx and the nginx proxy are two separate nginx instances with
# worker_processes 1 each, so the proxy under test never shares a worker with the upstream. Tapline runs as
# `tapline serve` does by default: 2 Netty event loops (one per core), a sink thread and the embedded Elasticsearch
# JVM. Clients, upstream and proxy all share the machine's cores, so the table also prints the CPU time each party
# spent per request, and the CPU other processes on the machine took during each run.
set -euo pipefail

DURATION="${DURATION:-15s}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
WARMUP="${WARMUP:-5s}"
TAPLINE_WARMUP="${TAPLINE_WARMUP:-10s}"
HALF_RATE="${HALF_RATE:-}"
KEEP_TMP="${KEEP_TMP:-0}"
SINK="${SINK:-direct}"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="$root/launcher/target/tapline.jar"
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
[[ "$SINK" == direct || "$SINK" == file ]] || die "SINK must be direct or file, got $SINK"
[[ "$jit_s" =~ ^[0-9]+$ && "$jit_s" -le 600 ]] || die "TAPLINE_WARMUP must be 0s..600s, got $TAPLINE_WARMUP"

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

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  local i p kids=()
  if [[ -n "$child_pid" ]]; then kill -TERM "$child_pid" 2>/dev/null || true; wait "$child_pid" 2>/dev/null || true; fi
  if [[ -n "$tapline_pid" ]]; then
    mapfile -t kids < <(tree_pids "$tapline_pid" | tail -n +2) # the embedded Elasticsearch JVM
  fi
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    p="${pids[i]}"
    alive "$p" || { wait "$p" 2>/dev/null || true; continue; }
    kill -TERM "$p" 2>/dev/null || true
    for _ in $(seq 1 100); do alive "$p" || break; sleep 0.2; done
    kill -KILL "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
  done
  for p in "${kids[@]}"; do # exits with its parent; make sure
    for _ in $(seq 1 50); do alive "$p" || break; sleep 0.2; done
    kill -KILL "$p" 2>/dev/null || true
  done
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

alive() { # running, not a zombie
  [[ -r "/proc/$1/status" ]] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null
}
tree_pids() { # a pid and all its descendants
  echo "$1"
  local c
  for c in $(ps -o pid= --ppid "$1" 2>/dev/null); do tree_pids "$c"; done
}
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

# ---------------------------------------------------------------------------------------------------- tapline
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

# Run a private copy of the jar: a rebuild of launcher/target during the run must not change classes under us.
for attempt in $(seq 1 30); do
  if [[ -f "$jar" ]] && (( $(date +%s) - $(stat -c %Y "$jar") >= 3 )) && cp "$jar" "$tmp/tapline.jar" \
    && { ! command -v unzip >/dev/null 2>&1 || unzip -tqq "$tmp/tapline.jar" >/dev/null 2>&1; }; then
    break
  fi
  [[ $attempt -lt 30 ]] || die "$jar is missing or keeps changing (a build running?)"
  sleep 2
done

log "starting tapline serve (embedded Elasticsearch; this takes a while)"
tapline_java_opts="${TAPLINE_JAVA_OPTS:-}"
(
  for v in $(compgen -e | grep '^TAPLINE_' || true); do unset "$v"; done # only the settings below
  export TAPLINE_DATA_DIR="$tmp/tapline-data" TAPLINE_API_PORT=0 TAPLINE_ADMIN_PORT=0 TAPLINE_PROXY_PORT=0 \
    TAPLINE_ROUTES="$tmp/routes.yaml" TAPLINE_ADMIN_TOKEN="bench-proxy-$$-admin-token" TAPLINE_SINK="$SINK"
  # shellcheck disable=SC2086 # TAPLINE_JAVA_OPTS is a list of options
  exec java $tapline_java_opts -jar "$tmp/tapline.jar" serve
) >"$tmp/tapline.log" 2>&1 &
tapline_pid=$!
pids+=("$tapline_pid")
for i in $(seq 1 360); do
  grep -q '^tapline: ready' "$tmp/tapline.log" && break
  if ! kill -0 "$tapline_pid" 2>/dev/null || [[ $i -eq 360 ]]; then
    tail -n 30 "$tmp/tapline.log" >&2
    die "tapline serve did not become ready"
  fi
  sleep 0.5
done
tapline_url="$(awk '/^tapline: proxy /{print $3; exit}' "$tmp/tapline.log")"
metrics_url="$(awk '/^tapline: metrics /{print $3; exit}' "$tmp/tapline.log")"
es_url="$(awk '/^tapline: Elasticsearch /{print $3; exit}' "$tmp/tapline.log")"
[[ "$tapline_url" == http://* && "$metrics_url" == http://* ]] || die "cannot read tapline's addresses from its output"
log "tapline proxy $tapline_url, metrics $metrics_url"

declare -A URL=(
  [direct]="http://127.0.0.1:$port_up/bench"
  [nginx]="http://127.0.0.1:$port_px/bench"
  [off]="$tapline_url/off/bench"
  [on]="$tapline_url/on/bench"
)
declare -A NAME=([direct]="direct (nginx upstream)" [nginx]="nginx reverse proxy" [off]="tapline capture off"
  [on]="tapline capture on")
declare -A SERVER=([direct]="$upstream_pid" [nginx]="$nginxproxy_pid" [off]="$tapline_pid" [on]="$tapline_pid")
for t in direct nginx off on; do
  size="$(curl -fsS -o /dev/null -w '%{size_download}' "${URL[$t]}")" || die "GET ${URL[$t]} failed"
  [[ "$size" == 1024 ]] || die "GET ${URL[$t]} returned $size bytes, expected 1024"
done

metric() { # name -> value (labelled series summed)
  curl -fsS "$metrics_url" | awk -v n="$1" '$1==n || index($1, n"{")==1 {s+=$2} END{printf "%d", s}'
}
drain() { # waits until the sink has delivered everything it accepted
  local acc wr rej depth
  for _ in $(seq 1 240); do
    acc="$(metric tapline_sink_records_accepted_total)"; wr="$(metric tapline_sink_records_written_total)"
    rej="$(metric tapline_sink_records_rejected_total)"; depth="$(metric tapline_sink_queue_depth)"
    if [[ "$depth" == 0 && $((wr + rej)) -ge "$acc" ]]; then return 0; fi
    sleep 0.5
  done
  log "warning: the sink had not drained after 120 s (accepted $acc, written $wr)"
}

# ---------------------------------------------------------------------------------------------------- runs
to_ms() { # wrk latency (1.23ms, 456.78us, 1.02s, 1.50m) -> ms
  awk -v v="$1" 'BEGIN{u=v; gsub(/[0-9.]/, "", u); x=v+0;
    if (u=="us") x/=1000; else if (u=="s") x*=1000; else if (u=="m") x*=60000; printf "%.3f", x}'
}
ncpu="$(nproc)"
declare -A RPS P99 REQS ERRS CPU_PX CPU_ES CPU_UP CPU_CL BUSY OTHER
es_pid="$(ps -o pid= --ppid "$tapline_pid" | awk 'NR==1{print $1}')" # the embedded Elasticsearch JVM
declare -A H_ACH H_P50 H_P99 H_P999 H_ERR

# CPU accounting around one run: the server under test (process tree), the upstream nginx, the clients (wrk, the
# load generator: this shell's reaped children) and the whole machine; "other" is what none of those used.
bench_ticks() { # every server this benchmark started (idle ones included)
  echo $(( $(cpu_ticks "$upstream_pid") + $(cpu_ticks "$nginxproxy_pid") + $(cpu_ticks "$tapline_pid") ))
}
measure_start() { # server-pid
  M_srv="$1"; M_c0="$(cpu_ticks "$1")"; M_u0="$(cpu_ticks "$upstream_pid")"; M_e0=0
  if [[ "$1" == "$tapline_pid" && -n "$es_pid" ]]; then M_e0="$(cpu_ticks "$es_pid")"; fi
  M_b0="$(bench_ticks)"; read -r M_m0 M_p0 M_t0 < <(machine_ticks); client_ms; M_cl0="$client_cpu_ms"
}
measure_end() { # key requests
  local k="$1" n="$2" c1 u1 m1 p1 t1 cl1 up e=0
  c1="$(cpu_ticks "$M_srv")"; u1="$(cpu_ticks "$upstream_pid")"; read -r m1 p1 t1 < <(machine_ticks)
  local b1; b1="$(bench_ticks)"
  if [[ "$M_srv" == "$tapline_pid" && -n "$es_pid" ]]; then e=$(( $(cpu_ticks "$es_pid") - M_e0 )); fi
  client_ms; cl1="$client_cpu_ms"
  up=$((u1 - M_u0)); [[ "$M_srv" != "$upstream_pid" ]] || up=0
  CPU_ES[$k]="$(awk -v d="$e" -v hz="$hz" -v n="$n" 'BEGIN{printf "%.1f", (n>0 ? d/hz*1e6/n : 0)}')"
  [[ "$M_srv" == "$tapline_pid" ]] || CPU_ES[$k]="-"
  CPU_PX[$k]="$(awk -v d=$((c1 - M_c0 - e)) -v hz="$hz" -v n="$n" 'BEGIN{printf "%.1f", (n>0 ? d/hz*1e6/n : 0)}')"
  CPU_UP[$k]="$(awk -v d="$up" -v hz="$hz" -v n="$n" 'BEGIN{printf "%.1f", (n>0 ? d/hz*1e6/n : 0)}')"
  CPU_CL[$k]="$(awk -v d=$((cl1 - M_cl0)) -v n="$n" 'BEGIN{printf "%.1f", (n>0 ? d*1e3/n : 0)}')"
  BUSY[$k]="$(awk -v b=$((m1 - M_m0)) -v t=$((t1 - M_t0)) 'BEGIN{printf "%.0f", (t>0 ? 100*b/t : 0)}')"
  OTHER[$k]="$(awk -v b=$((p1 - M_p0)) -v t=$((t1 - M_t0)) -v s=$((b1 - M_b0)) -v c=$((cl1 - M_cl0)) \
    -v hz="$hz" -v ncpu="$ncpu" 'BEGIN{o=b-s-c*hz/1000; if (o<0) o=0; printf "%.2f", (t>0 ? o/(t/ncpu) : 0)}')"
}

wrk_run() { # target
  local t="$1" out="$tmp/wrk-$1.txt"
  log "wrk ${NAME[$t]}: ${warm_s}s warm-up, then ${dur_s}s measured (${THREADS} threads, ${CONNECTIONS} connections)"
  if [[ "$warm_s" -gt 0 ]]; then
    run_client "$tmp/wrk-$t-warmup.txt" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${warm_s}s" "${URL[$t]}"
  fi
  measure_start "${SERVER[$t]}"
  run_client "$out" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${dur_s}s" --latency "${URL[$t]}"
  RPS[$t]="$(awk '/^Requests\/sec:/{printf "%.0f", $2}' "$out")"
  P99[$t]="$(to_ms "$(awk '$1=="99%"{print $2}' "$out")")"
  REQS[$t]="$(awk '/ requests in /{print $1}' "$out")"
  ERRS[$t]="$(awk '/Non-2xx/{e+=$NF} /Socket errors/{gsub(/,/,""); e+=$4+$6+$8+$10} END{printf "%d", e}' "$out")"
  [[ "$t" != on ]] || drain # the indexing of this run's records is part of its cost
  measure_end "$t" "${REQS[$t]}"
  log "  ${RPS[$t]} req/s, p99 ${P99[$t]} ms"
}

cr_dir="$tmp/constant-rate"
mkdir -p "$cr_dir"
javac -d "$cr_dir" "$here/ConstantRate.java"
rate_run() { # key target rate
  local k="$1" t="$2" out="$tmp/rate-$1.txt" line
  log "constant rate ${NAME[$t]}: $3 req/s, ${warm_s}s warm-up + ${dur_s}s measured (${CONNECTIONS} connections)"
  measure_start "${SERVER[$t]}"
  run_client "$out" java -Xms256m -Xmx256m -cp "$cr_dir" ConstantRate --url "${URL[$t]}" --rate "$3" \
    --duration "${dur_s}s" --warmup "${warm_s}s" --connections "$CONNECTIONS"
  line="$(grep '^RESULT ' "$out")" || die "the load generator printed no result"
  kv() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$line"; }
  [[ "$t" != on ]] || drain # the indexing of this run's records is part of its cost
  measure_end "$k" "$(kv completed_total)"
  H_ACH[$k]="$(kv achieved_rate)"; H_P50[$k]="$(kv p50_ms)"; H_P99[$k]="$(kv p99_ms)"; H_P999[$k]="$(kv p999_ms)"
  H_ERR[$k]=$(( $(kv errors) + $(kv non2xx) ))
  log "  p50 ${H_P50[$k]} ms, p99 ${H_P99[$k]} ms, p99.9 ${H_P999[$k]} ms"
}

# Every request sent to /on is accounted for: requests the proxy received, records written and dropped.
on_received=0; on_written=0; on_dropped=0
declare -A ON_RCV ON_WR ON_DR
on_phases=()
on_begin() {
  read -r ON_Q0 ON_W0 ON_D0 < <(echo "$(metric tapline_proxy_requests_total) $(metric tapline_sink_records_written_total) $(metric tapline_sink_records_dropped_total)")
}
on_end() { # phase-name; after the sink drained
  local q w d
  drain
  read -r q w d < <(echo "$(metric tapline_proxy_requests_total) $(metric tapline_sink_records_written_total) $(metric tapline_sink_records_dropped_total)")
  on_phases+=("$1"); ON_RCV[$1]=$((q - ON_Q0)); ON_WR[$1]=$((w - ON_W0)); ON_DR[$1]=$((d - ON_D0))
  on_received=$((on_received + q - ON_Q0)); on_written=$((on_written + w - ON_W0)); on_dropped=$((on_dropped + d - ON_D0))
}

started_at="$(date -u '+%Y-%m-%d %H:%M UTC')"
loadavg="$(cut -d' ' -f1-3 /proc/loadavg)"

if [[ "$jit_s" -gt 0 ]]; then
  # A fresh JVM runs interpreted code at first: give the JIT the same /off and /on paths the runs measure.
  log "tapline JIT warm-up: ${jit_s}s through /off, then ${jit_s}s through /on (not measured)"
  run_client "$tmp/wrk-jit-off.txt" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${jit_s}s" "${URL[off]}"
  on_begin
  run_client "$tmp/wrk-jit-on.txt" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${jit_s}s" "${URL[on]}"
  on_end "JIT warm-up (wrk, max load)"
fi

wrk_run direct
wrk_run nginx
off_w0="$(metric tapline_sink_records_written_total)"
wrk_run off
drain
off_written=$(( $(metric tapline_sink_records_written_total) - off_w0 ))
on_begin
wrk_run on
on_end "max load (wrk, with its warm-up)"

if [[ -z "$HALF_RATE" ]]; then HALF_RATE=$(( RPS[direct] / 2 )); fi
[[ "$HALF_RATE" =~ ^[0-9]+$ && "$HALF_RATE" -ge 1 ]] || die "HALF_RATE must be a positive integer"
rate_run h_direct direct "$HALF_RATE"
rate_run h_nginx nginx "$HALF_RATE"
rate_run h_off off "$HALF_RATE"
on_begin
rate_run h_on on "$HALF_RATE"
on_end "constant ${HALF_RATE} req/s"
# For reference: the same comparison at half of capture-on's own max, a load it can carry.
HALF_ON_RATE=$(( RPS[on] / 2 ))
[[ "$HALF_ON_RATE" -ge 1 ]] || HALF_ON_RATE=1
rate_run r_direct direct "$HALF_ON_RATE"
on_begin
rate_run r_on on "$HALF_ON_RATE"
on_end "constant ${HALF_ON_RATE} req/s"

es_requests="n/a"
if [[ "$SINK" == direct && "$es_url" == http://* ]]; then
  curl -fsS -XPOST "$es_url/tapline-logs-*/_refresh" >/dev/null 2>&1 || true
  es_requests="$(curl -fsS "$es_url/tapline-logs-*/_count" -H 'Content-Type: application/json' \
    -d '{"query":{"bool":{"filter":[{"term":{"tapline.project_id":"proj_bench_on"}},{"term":{"tapline.kind":"request"}}]}}}' \
    | sed -n 's/.*"count":\([0-9]*\).*/\1/p')" || es_requests="n/a"
fi

# ---------------------------------------------------------------------------------------------------- report
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", (b>0 ? a/b : 0)}'; }
verdict() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN{ok = (op==">=" ? v>=t : v<=t); print (ok ? "PASS" : "BELOW TARGET")}'; }
minus() { # a - b, or n/a when either is not a number (no request answered in time)
  awk -v a="$1" -v b="$2" 'BEGIN{if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/) printf "%.3f", a-b; else printf "n/a"}'
}
r_nginx="$(ratio "${RPS[on]}" "${RPS[nginx]}")"
r_off="$(ratio "${RPS[on]}" "${RPS[off]}")"
r_offnginx="$(ratio "${RPS[off]}" "${RPS[nginx]}")"
added="$(minus "${H_P99[h_on]}" "${H_P99[h_direct]}")"
added_nginx="$(minus "${H_P99[h_nginx]}" "${H_P99[h_direct]}")"
added_off="$(minus "${H_P99[h_off]}" "${H_P99[h_direct]}")"
added_ref="$(minus "${H_P99[r_on]}" "${H_P99[r_direct]}")"
v1="$(verdict "$r_nginx" 0.80 '>=')"; v2="$(verdict "$r_off" 0.90 '>=')"
if [[ "$added" == n/a ]]; then v3="BELOW TARGET"; else v3="$(verdict "$added" 1.0 '<=')"; fi
if [[ "$on_dropped" -eq 0 && "$on_written" -ge $((2 * on_received)) ]]; then v4=PASS; else v4="RECORDS LOST"; fi

num() { [[ "$1" =~ ^[0-9.]+$ ]] && echo "$1" || echo "n/a"; }
row_head() { printf '%-24s %9s %9s %9s %7s %7s %7s %7s %7s %5s %6s\n' "target" "$1" "$2" "$3" "errors" "srv us" "es us" "up us" "cli us" "busy" "other"; }
row() { # name col1 col2 col3 errors key
  local up="${CPU_UP[$6]}"; [[ "${6#?_}" != direct ]] || up="-"
  printf '%-24s %9s %9s %9s %7s %7s %7s %7s %7s %4s%% %6s\n' "$1" "$2" "$3" "$4" "$5" "${CPU_PX[$6]}" "${CPU_ES[$6]}" "$up" "${CPU_CL[$6]}" "${BUSY[$6]}" "${OTHER[$6]}"
}
{
  echo
  echo "Tapline proxy benchmark, $started_at, $ncpu cores ($(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo)),"
  echo "  load average before the run: $loadavg; response: 1 KiB static file from nginx; loopback; tapline sink: $SINK"
  echo "  CPU time per request, in us: srv = the proxy under test (for direct: the upstream nginx; for tapline: its JVM),"
  echo "  es = tapline's embedded Elasticsearch JVM (capture-on runs include indexing their backlog after the load),"
  echo "  up = the upstream nginx, cli = wrk or the load generator; busy = whole machine; other = cores used by"
  echo "  processes outside the benchmark during the run (noise from whatever else runs on the machine)"
  echo
  echo "max load: wrk -t$THREADS -c$CONNECTIONS -d${dur_s}s --latency after a ${warm_s}s warm-up, each target in turn"
  row_head "req/s" "p99 ms" ""
  for t in direct nginx off on; do row "${NAME[$t]}" "${RPS[$t]}" "${P99[$t]}" "" "${ERRS[$t]}" "$t"; done
  echo
  echo "half load: constant ${HALF_RATE} req/s (50% of direct's max unless HALF_RATE was set), ${CONNECTIONS} keep-alive"
  echo "  connections, open loop, latency from when each request was due (coordinated omission corrected);"
  echo "  errors = failed or not answered within 5 s of the end (more than the server can carry)"
  row_head "done/s" "p50 ms" "p99 ms"
  for t in direct nginx off on; do
    row "${NAME[$t]}" "${H_ACH[h_$t]}" "$(num "${H_P50[h_$t]}")" "$(num "${H_P99[h_$t]}")" "${H_ERR[h_$t]}" "h_$t"
  done
  echo "for reference, at ${HALF_ON_RATE} req/s (50% of tapline capture-on's own max):"
  for t in direct on; do
    row "${NAME[$t]}" "${H_ACH[r_$t]}" "$(num "${H_P50[r_$t]}")" "$(num "${H_P99[r_$t]}")" "${H_ERR[r_$t]}" "r_$t"
  done
  echo
  echo "capture on route /on, every run that used it (tapline's /metrics; 2 records per request: request, response)"
  printf '  %-36s %10s %12s %12s\n' "run" "requests" "written" "dropped"
  for ph in "${on_phases[@]}"; do
    printf '  %-36s %10s %12s %12s\n' "$ph" "${ON_RCV[$ph]}" "${ON_WR[$ph]}" "${ON_DR[$ph]}"
  done
  printf '  %-36s %10s %12s %12s\n' "total" "$on_received" "$on_written" "$on_dropped"
  echo "  records expected $((2 * on_received)); request records found in Elasticsearch: $es_requests;"
  echo "  records written for route /off (capture off): $off_written"
  echo
  printf '%-46s %10s %9s  %s\n' "check" "measured" "target" "result"
  printf '%-46s %10s %9s  %s\n' "throughput capture-on / nginx-proxy" "$r_nginx" ">= 0.80" "$v1"
  printf '%-46s %10s %9s  %s\n' "throughput capture-on / capture-off" "$r_off" ">= 0.90" "$v2"
  printf '%-46s %10s %9s  %s\n' "p99 added over direct at half load (ms)" "$added" "<= 1.000" "$v3"
  printf '%-46s %10s %9s  %s\n' "capture-on records every request (lost)" "$on_dropped" "0" "$v4"
  noisy=""
  for k in direct nginx off on h_direct h_nginx h_off h_on r_direct r_on; do
    awk -v o="${OTHER[$k]}" 'BEGIN{exit !(o > 0.25)}' && noisy="$noisy $k(${OTHER[$k]})"
  done
  if [[ -n "$noisy" ]]; then
    echo "WARNING: other processes used more than 0.25 cores during:$noisy; the figures are disturbed"
  fi
  echo "reference figures:"
  printf '%-46s %10s\n' "  throughput capture-off / nginx-proxy" "$r_offnginx"
  printf '%-46s %10s\n' "  p99 added by nginx proxy at half load (ms)" "$added_nginx"
  printf '%-46s %10s\n' "  p99 added by capture-off at half load (ms)" "$added_off"
  printf '%-46s %10s\n' "  p99 added by capture-on at ${HALF_ON_RATE}/s (ms)" "$added_ref"
  echo
}

if [[ -n "$noisy" ]]; then
  exit 3
elif [[ "$v1" != PASS || "$v2" != PASS || "$v3" != PASS || "$v4" != PASS ]]; then
  exit 2
fi
