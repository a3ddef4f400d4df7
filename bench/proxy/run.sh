#!/usr/bin/env bash
# bench/proxy/run.sh: the capture proxy's throughput and latency, side by side with nginx, in one run (issue 3).
#
# Four targets, all on loopback, measured with wrk in this order, each after its own warm-up:
#   direct        wrk -> nginx "upstream" serving a 1 KiB static file
#   nginx proxy   wrk -> nginx reverse proxy (keep-alive upstream pool) -> upstream
#   tapline off   wrk -> tapline serve, route /off (capture: { enabled: false }) -> upstream
#   tapline on    wrk -> tapline serve, route /on  (capture on, no bodies; records into the embedded ES) -> upstream
# then the same four at a constant rate of half of direct's max (ConstantRate.java: open loop, latency counted from
# when each request was due, so a stall is not hidden), and the records Tapline wrote for the /on traffic.
#
# Options (environment): DURATION (15s) CONNECTIONS (64) THREADS (2) WARMUP (5s) per run;
#   TAPLINE_WARMUP (10s): once, right after tapline starts, this long through /off and again through /on, so that
#     the JIT has compiled the proxy's paths before anything is measured (nginx needs no such warm-up);
#   HALF_RATE (default: half of direct's measured req/s) to pin the constant rate;
#   TAPLINE_JAVA_OPTS: extra JVM options for the tapline process only (e.g. a JFR recording:
#     TAPLINE_JAVA_OPTS='-XX:StartFlightRecording=filename=/tmp/tapline.jfr,settings=profile');
#   STRICT=1: exit 1 when a target is missed (default: exit 0 once the run completed);
#   KEEP_TMP=1: keep the temp dir (configs, logs, raw wrk output).
# Fairness: the upstream nginx and the nginx proxy are two separate nginx instances with worker_processes 1 each,
# so the proxy under test never shares a worker with the upstream. Tapline runs its default 2 Netty event loops
# (one per core), plus its sink thread and the embedded Elasticsearch JVM; everything (wrk included) shares the
# machine's cores, so the table also prints each party's CPU time per request.
set -euo pipefail

DURATION="${DURATION:-15s}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
WARMUP="${WARMUP:-5s}"
TAPLINE_WARMUP="${TAPLINE_WARMUP:-10s}"
HALF_RATE="${HALF_RATE:-}"
STRICT="${STRICT:-0}"
KEEP_TMP="${KEEP_TMP:-0}"

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

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  local i p kids=()
  if [[ -n "$tapline_pid" ]]; then
    mapfile -t kids < <(tree_pids "$tapline_pid" | tail -n +2) # the embedded Elasticsearch JVM
  fi
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    p="${pids[i]}"
    kill -0 "$p" 2>/dev/null || continue
    kill -TERM "$p" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
  done
  for p in "${kids[@]}"; do # exits with its parent; make sure
    for _ in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$p" 2>/dev/null || true
  done
  if [[ "$KEEP_TMP" == 1 || $rc -ne 0 ]]; then
    log "temp dir kept: $tmp"
  else
    rm -rf "$tmp"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

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
machine_ticks() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9, $2+$3+$4+$5+$6+$7+$8+$9}' /proc/stat; } # busy total
client_ms() { # CPU ms of this shell's reaped children (wrk, the load generator) -> $client_cpu_ms
  times >"$tmp/times" # in this shell, not a $(...) subshell: a subshell has no reaped children of its own
  client_cpu_ms="$(awk 'NR==2{n=split($0,a," "); t=0; for(i=1;i<=n;i++){split(a[i],b,"m"); sub(/s$/,"",b[2]); t+=b[1]*60+b[2]}; printf "%d", t*1000}' "$tmp/times")"
}
hz="$(getconf CLK_TCK)"

free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$((20000 + RANDOM % 30000))
    if ! ss -Htan "sport = :$p" 2>/dev/null | grep -q . && [[ " ${used_ports:-} " != *" $p "* ]]; then
      used_ports="${used_ports:-} $p"
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
    TAPLINE_ROUTES="$tmp/routes.yaml" TAPLINE_ADMIN_TOKEN="bench-proxy-$$"
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
declare -A RPS P99 REQS ERRS CPU_PX CPU_UP CPU_CL BUSY OTHER
on_client_requests=0

wrk_run() { # target
  local t="$1" out="$tmp/wrk-$1.txt" c0 u0 m0 total0 cl0 c1 u1 m1 total1 cl1
  log "wrk ${NAME[$t]}: ${WARMUP} warm-up, then ${DURATION} measured (${THREADS} threads, ${CONNECTIONS} connections)"
  if [[ "$warm_s" -gt 0 ]]; then
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${warm_s}s" "${URL[$t]}" >"$tmp/wrk-$t-warmup.txt"
    [[ "$t" != on ]] || on_client_requests=$((on_client_requests + $(awk '/ requests in /{print $1}' "$tmp/wrk-$t-warmup.txt")))
  fi
  c0="$(cpu_ticks "${SERVER[$t]}")"; u0="$(cpu_ticks "$upstream_pid")"; read -r m0 total0 < <(machine_ticks)
  client_ms; cl0="$client_cpu_ms"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${dur_s}s" --latency "${URL[$t]}" >"$out"
  c1="$(cpu_ticks "${SERVER[$t]}")"; u1="$(cpu_ticks "$upstream_pid")"; read -r m1 total1 < <(machine_ticks)
  client_ms; cl1="$client_cpu_ms"
  RPS[$t]="$(awk '/^Requests\/sec:/{printf "%.0f", $2}' "$out")"
  P99[$t]="$(to_ms "$(awk '$1=="99%"{print $2}' "$out")")"
  REQS[$t]="$(awk '/ requests in /{print $1}' "$out")"
  ERRS[$t]="$(awk '/Non-2xx/{e+=$NF} /Socket errors/{gsub(/,/,""); e+=$4+$6+$8+$10} END{printf "%d", e}' "$out")"
  [[ "$t" != on ]] || on_client_requests=$((on_client_requests + REQS[$t]))
  local n="${REQS[$t]}"
  CPU_PX[$t]="$(awk -v a="$c0" -v b="$c1" -v hz="$hz" -v n="$n" 'BEGIN{printf "%.1f", (b-a)/hz*1e6/n}')"
  CPU_UP[$t]="$(awk -v a="$u0" -v b="$u1" -v hz="$hz" -v n="$n" 'BEGIN{printf "%.1f", (b-a)/hz*1e6/n}')"
  CPU_CL[$t]="$(awk -v a="$cl0" -v b="$cl1" -v n="$n" 'BEGIN{printf "%.1f", (b-a)*1e3/n}')"
  BUSY[$t]="$(awk -v a="$m0" -v b="$m1" -v ta="$total0" -v tb="$total1" 'BEGIN{printf "%.0f", 100*(b-a)/(tb-ta)}')"
  # CPU used by processes outside this benchmark (e.g. other builds on the machine), in cores
  OTHER[$t]="$(awk -v a="$m0" -v b="$m1" -v pa="$c0" -v pb="$c1" -v ua="$u0" -v ub="$u1" -v ca="$cl0" -v cb="$cl1" \
    -v hz="$hz" -v d="$dur_s" -v same="$([[ $t == direct ]] && echo 1 || echo 0)" \
    'BEGIN{o=(b-a) - (pb-pa) - (same ? 0 : (ub-ua)) - (cb-ca)*hz/1000; if (o<0) o=0; printf "%.2f", o/hz/d}')"
  log "  ${RPS[$t]} req/s, p99 ${P99[$t]} ms"
}

declare -A H_ACH H_P50 H_P99 H_P999 H_ERR
cr_dir="$tmp/constant-rate"
mkdir -p "$cr_dir"
javac -d "$cr_dir" "$here/ConstantRate.java"
rate_run() { # key target rate
  local k="$1" t="$2" out="$tmp/rate-$1.txt" line
  log "constant rate ${NAME[$t]}: $3 req/s, ${WARMUP} warm-up + ${DURATION} measured (${CONNECTIONS} connections)"
  java -Xms256m -Xmx256m -cp "$cr_dir" ConstantRate --url "${URL[$t]}" --rate "$3" --duration "${dur_s}s" \
    --warmup "${warm_s}s" --connections "$CONNECTIONS" >"$out"
  line="$(grep '^RESULT ' "$out")" || die "the load generator printed no result"
  kv() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$line"; }
  H_ACH[$k]="$(kv achieved_rate)"; H_P50[$k]="$(kv p50_ms)"; H_P99[$k]="$(kv p99_ms)"; H_P999[$k]="$(kv p999_ms)"
  H_ERR[$k]=$(( $(kv errors) + $(kv non2xx) ))
  [[ "$t" != on ]] || on_client_requests=$((on_client_requests + $(kv completed_total)))
  log "  p50 ${H_P50[$k]} ms, p99 ${H_P99[$k]} ms, p99.9 ${H_P999[$k]} ms"
}

started_at="$(date -u '+%Y-%m-%d %H:%M UTC')"
loadavg="$(cut -d' ' -f1-3 /proc/loadavg)"

if [[ "$jit_s" -gt 0 ]]; then
  # A fresh JVM runs interpreted code at first: give the JIT the same /off and /on paths the runs measure.
  log "tapline JIT warm-up: ${jit_s}s through /off, then ${jit_s}s through /on (not measured)"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${jit_s}s" "${URL[off]}" >"$tmp/wrk-jit-off.txt"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${jit_s}s" "${URL[on]}" >"$tmp/wrk-jit-on.txt"
  drain
fi

wrk_run direct
wrk_run nginx
rec0_off="$(metric tapline_sink_records_written_total)"
wrk_run off
drain
rec1_off="$(metric tapline_sink_records_written_total)"

snap_on() { # requests received by the proxy, records written, records dropped
  echo "$(metric tapline_proxy_requests_total) $(metric tapline_sink_records_written_total) $(metric tapline_sink_records_dropped_total)"
}
read -r q0 w0 d0 < <(snap_on)
wrk_run on
drain
read -r q1 w1 d1 < <(snap_on)

if [[ -z "$HALF_RATE" ]]; then HALF_RATE=$(( RPS[direct] / 2 )); fi
[[ "$HALF_RATE" =~ ^[0-9]+$ && "$HALF_RATE" -ge 1 ]] || die "HALF_RATE must be a positive integer"
rate_run direct direct "$HALF_RATE"
rate_run nginx nginx "$HALF_RATE"
rate_run off off "$HALF_RATE"
read -r q2 w2 d2 < <(snap_on)
rate_run on on "$HALF_RATE"
drain
read -r q3 w3 d3 < <(snap_on)
# For reference: the same comparison at half of capture-on's own max, a load it can carry.
HALF_ON_RATE=$(( RPS[on] / 2 ))
[[ "$HALF_ON_RATE" -ge 1 ]] || HALF_ON_RATE=1
rate_run direct2 direct "$HALF_ON_RATE"
read -r q4 w4 d4 < <(snap_on)
rate_run on2 on "$HALF_ON_RATE"
drain
read -r q5 w5 d5 < <(snap_on)

on_received=$(( (q1 - q0) + (q3 - q2) + (q5 - q4) ))
on_written=$(( (w1 - w0) + (w3 - w2) + (w5 - w4) ))
on_dropped=$(( (d1 - d0) + (d3 - d2) + (d5 - d4) ))
off_written=$(( rec1_off - rec0_off ))
es_requests="n/a"
if [[ "$es_url" == http://* ]]; then
  curl -fsS -XPOST "$es_url/tapline-logs-*/_refresh" >/dev/null 2>&1 || true
  es_requests="$(curl -fsS "$es_url/tapline-logs-*/_count" -H 'Content-Type: application/json' \
    -d '{"query":{"bool":{"filter":[{"term":{"tapline.project_id":"proj_bench_on"}},{"term":{"tapline.kind":"request"}}]}}}' \
    | sed -n 's/.*"count":\([0-9]*\).*/\1/p')" || es_requests="n/a"
fi

# ---------------------------------------------------------------------------------------------------- report
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", (b>0 ? a/b : 0)}'; }
verdict() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN{ok = (op==">=" ? v>=t : v<=t); print (ok ? "PASS" : "BELOW TARGET")}'; }
r_nginx="$(ratio "${RPS[on]}" "${RPS[nginx]}")"
r_off="$(ratio "${RPS[on]}" "${RPS[off]}")"
added="$(awk -v a="${H_P99[on]}" -v b="${H_P99[direct]}" 'BEGIN{printf "%.3f", a-b}')"
added_on2="$(awk -v a="${H_P99[on2]}" -v b="${H_P99[direct2]}" 'BEGIN{printf "%.3f", a-b}')"
added_nginx="$(awk -v a="${H_P99[nginx]}" -v b="${H_P99[direct]}" 'BEGIN{printf "%.3f", a-b}')"
v1="$(verdict "$r_nginx" 0.80 '>=')"; v2="$(verdict "$r_off" 0.90 '>=')"; v3="$(verdict "$added" 1.0 '<=')"
if [[ "$on_dropped" -eq 0 && "$on_written" -ge $((2 * on_received)) ]]; then v4=PASS; else v4="RECORDS LOST"; fi

{
  echo
  echo "Tapline proxy benchmark, $started_at, $(nproc) cores ($(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo)),"
  echo "  load average before the run: $loadavg; response: 1 KiB static file from nginx; loopback"
  echo "  max load: wrk -t$THREADS -c$CONNECTIONS -d${dur_s}s --latency after a ${warm_s}s warm-up, each target in turn"
  echo "  CPU columns: CPU time per request (us) of the server under test (tapline: its JVM + the embedded"
  echo "  Elasticsearch JVM), of the upstream nginx, and of wrk; busy = whole machine; other = cores used by"
  echo "  processes outside the benchmark"
  echo
  printf '%-26s %10s %9s %8s %9s %8s %6s %6s %7s\n' "target" "req/s" "p99 ms" "errors" "srv us" "up us" "wrk us" "busy" "other"
  for t in direct nginx off on; do
    up="${CPU_UP[$t]}"; [[ "$t" != direct ]] || up="-"
    printf '%-26s %10s %9s %8s %9s %8s %6s %5s%% %7s\n' "${NAME[$t]}" "${RPS[$t]}" "${P99[$t]}" "${ERRS[$t]}" \
      "${CPU_PX[$t]}" "$up" "${CPU_CL[$t]}" "${BUSY[$t]}" "${OTHER[$t]}"
  done
  echo
  echo "half load: constant ${HALF_RATE} req/s (50% of direct's max unless HALF_RATE was set), ${CONNECTIONS} keep-alive"
  echo "  connections, open loop; latency from when each request was due (coordinated omission corrected)"
  printf '%-26s %12s %9s %9s %9s %8s\n' "target" "achieved/s" "p50 ms" "p99 ms" "p99.9 ms" "errors"
  for t in direct nginx off on; do
    printf '%-26s %12s %9s %9s %9s %8s\n' "${NAME[$t]}" "${H_ACH[$t]}" "${H_P50[$t]}" "${H_P99[$t]}" "${H_P999[$t]}" "${H_ERR[$t]}"
  done
  echo "for reference, at ${HALF_ON_RATE} req/s (50% of tapline capture-on's own max):"
  for k in direct2 on2; do
    printf '%-26s %12s %9s %9s %9s %8s\n' "${NAME[${k%2}]}" "${H_ACH[$k]}" "${H_P50[$k]}" "${H_P99[$k]}" "${H_P999[$k]}" "${H_ERR[$k]}"
  done
  echo
  echo "capture (route /on, wrk warm-up + measured + constant-rate runs; 2 records per request: request + response)"
  echo "  requests completed by the clients  $on_client_requests"
  echo "  requests received by tapline       $on_received"
  echo "  records written                    $on_written (expected >= $((2 * on_received)))"
  echo "  records dropped                    $on_dropped"
  echo "  request records in Elasticsearch   $es_requests"
  echo "  records written for route /off     $off_written (capture off)"
  echo
  printf '%-44s %10s %10s  %s\n' "check" "measured" "target" "result"
  printf '%-44s %10s %10s  %s\n' "throughput capture-on / nginx-proxy" "$r_nginx" ">= 0.80" "$v1"
  printf '%-44s %10s %10s  %s\n' "throughput capture-on / capture-off" "$r_off" ">= 0.90" "$v2"
  printf '%-44s %10s %10s  %s\n' "p99 added over direct at half load (ms)" "$added" "<= 1.000" "$v3"
  printf '%-44s %10s %10s  %s\n' "  (reference: nginx proxy adds, ms)" "$added_nginx" "" ""
  printf '%-44s %10s %10s  %s\n' "  (reference: capture-on adds at ${HALF_ON_RATE}/s)" "$added_on2" "" ""
  printf '%-44s %10s %10s  %s\n' "capture-on records every request" "$on_dropped" "0 lost" "$v4"
  echo
}

if [[ "$STRICT" == 1 && ( "$v1" != PASS || "$v2" != PASS || "$v3" != PASS || "$v4" != PASS ) ]]; then
  exit 1
fi
