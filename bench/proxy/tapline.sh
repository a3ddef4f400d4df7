# Sourced by bench/proxy/run.sh: one `tapline serve` process per capture sink, its addresses and metrics, and the
# records its sink delivered, counted at the destination (the receiver, the NDJSON files, Elasticsearch).
# shellcheck shell=bash

tapline_pid=""
es_pid=""
# The heap options README.md recommends for `tapline serve` under sustained load (a heap floor, so that G1 does not
# shrink the heap to ~100 MB and collect every few seconds), then TAPLINE_JAVA_OPTS. TAPLINE_HEAP_OPTS= (empty)
# measures the JVM's own sizing instead.
tapline_java_opts="${TAPLINE_HEAP_OPTS--Xms1g} ${TAPLINE_JAVA_OPTS:-}"
metrics_url=""
es_url=""
cur_sink=""

start_tapline() { # sink
  local s="$1" dir="$tmp/tapline-$1" opts size t i
  mkdir -p "$dir"
  opts="$tapline_java_opts"
  opts="${opts//%s/$s}"
  log "starting tapline serve with the $s sink (embedded Elasticsearch; this takes a while)"
  (
    for v in $(compgen -e | grep '^TAPLINE_' || true); do unset "$v"; done # only the settings below
    export TAPLINE_DATA_DIR="$dir/data" TAPLINE_API_PORT=0 TAPLINE_ADMIN_PORT=0 TAPLINE_PROXY_PORT=0 \
      TAPLINE_ROUTES="$tmp/routes.yaml" TAPLINE_ADMIN_TOKEN="bench-proxy-$$-admin-token" TAPLINE_SINK="$s" \
      TAPLINE_PROXY_TRANSPORT="$TRANSPORT"
    case "$s" in
      logstash) export TAPLINE_LOGSTASH="127.0.0.1:$receiver_port" ;;
      # Every file kept: the run's records are counted at the end, and the default retention (10 x 100 MiB)
      # would delete some of them first at the file sink's pace.
      file) export TAPLINE_SINK_DIR="$dir/records" TAPLINE_SINK_FILE_KEEP=100000 ;;
    esac
    # shellcheck disable=SC2086 # TAPLINE_JAVA_OPTS is a list of options
    exec java $opts -jar "$tmp/tapline.jar" serve
  ) >"$dir/tapline.log" 2>&1 &
  tapline_pid=$!
  pids+=("$tapline_pid")
  for i in $(seq 1 360); do
    grep -q '^tapline: ready' "$dir/tapline.log" && break
    if ! kill -0 "$tapline_pid" 2>/dev/null || [[ $i -eq 360 ]]; then
      tail -n 30 "$dir/tapline.log" >&2
      die "tapline serve ($s) did not become ready"
    fi
    sleep 0.5
  done
  local proxy_url
  proxy_url="$(awk '/^tapline: proxy /{print $3; exit}' "$dir/tapline.log")"
  metrics_url="$(awk '/^tapline: metrics /{print $3; exit}' "$dir/tapline.log")"
  es_url="$(awk '/^tapline: Elasticsearch /{print $3; exit}' "$dir/tapline.log")"
  [[ "$proxy_url" == http://* && "$metrics_url" == http://* && "$es_url" == http://* ]] \
    || die "cannot read tapline's addresses from its output"
  es_pid="$(ps -o pid= --ppid "$tapline_pid" | awk 'NR==1{print $1}')" # the embedded Elasticsearch JVM
  cur_sink="$s"
  URL[off_$s]="$proxy_url/off/bench"; URL[on_$s]="$proxy_url/on/bench"
  NAME[off_$s]="tapline off [$s]"; NAME[on_$s]="tapline on [$s]"
  SERVER[off_$s]="$tapline_pid"; SERVER[on_$s]="$tapline_pid"
  for t in "off_$s" "on_$s"; do
    size="$(curl -fsS -o /dev/null -w '%{size_download}' "${URL[$t]}")" || die "GET ${URL[$t]} failed"
    [[ "$size" == 1024 ]] || die "GET ${URL[$t]} returned $size bytes, expected 1024"
  done
  log "tapline ($s): proxy $proxy_url, metrics $metrics_url, transport $(awk '/^tapline: proxy /{print $NF; exit}' "$dir/tapline.log" | tr -d ')')"
}

stop_tapline() {
  log "stopping tapline ($cur_sink)"
  stop_pid "$tapline_pid"
  tapline_pid=""; es_pid=""; cur_sink=""
}

metric() { # name -> value (labelled series summed)
  curl -fsS "$metrics_url" | awk -v n="$1" '$1==n || index($1, n"{")==1 {s+=$2} END{printf "%d", s}'
}

drain() { # waits until the sink has delivered everything it accepted, the disk spool included
  local acc wr rej dr depth spool
  for _ in $(seq 1 600); do
    acc="$(metric tapline_sink_records_accepted_total)"; wr="$(metric tapline_sink_records_written_total)"
    rej="$(metric tapline_sink_records_rejected_total)"; depth="$(metric tapline_sink_queue_depth)"
    spool="$(metric tapline_sink_spool_bytes)"
    if [[ "$depth" == 0 && "$spool" == 0 && $((wr + rej)) -ge "$acc" ]]; then return 0; fi
    sleep 0.5
  done
  log "warning: the sink had not drained after 300 s (accepted $acc, written $wr, spool $spool bytes)"
}

# Records of route /on stored at the current sink's destination so far: "requests responses aborts", where aborts are
# the client_abort events (an exchange the client closed before its response has one instead of a response record).
dest_counts() {
  case "$cur_sink" in
    logstash)
      sleep 0.3 # the receiver rewrites its counts every 100 ms
      echo "$(recv_count requests) $(recv_count responses) $(recv_count aborts)"
      ;;
    file)
      local dir="$tmp/tapline-file/records" n
      n="$(find "$dir" -name 'tapline-*.ndjson' 2>/dev/null | wc -l)"
      if [[ "$n" -eq 0 ]]; then echo "0 0 0"; return; fi
      cat "$dir"/tapline-*.ndjson | awk '/"kind":"request"/{q++} /"kind":"response"/{r++}
        /"kind":"event"/ && /"action":"client_abort"/{a++} END{printf "%d %d %d\n", q, r, a}'
      ;;
    direct)
      curl -fsS -XPOST "$es_url/tapline-logs-*/_refresh" >/dev/null 2>&1 || true
      local k out=()
      for k in '"request"}}' '"response"}}' '"event"}},{"term":{"event.action":"client_abort"}}'; do
        out+=("$(curl -fsS "$es_url/tapline-logs-*/_count" -H 'Content-Type: application/json' -d "{\"query\":{\"bool\":{\"filter\":[{\"term\":{\"tapline.project_id\":\"proj_bench_on\"}},{\"term\":{\"tapline.kind\":$k]}}}" \
          | sed -n 's/.*"count":\([0-9]*\).*/\1/p')")
      done
      echo "${out[0]:-0} ${out[1]:-0} ${out[2]:-0}"
      ;;
  esac
}

# Every request sent to /on is accounted for, per phase: requests the proxy received, request and response records
# found at the destination, and what the sink counted as written, spooled and dropped.
on_keys=()
declare -A ON_RCV ON_REQ ON_RES ON_AB ON_WR ON_SP ON_DR
on_begin() { # sink
  drain
  read -r ON_Q0 ON_W0 ON_S0 ON_D0 < <(echo "$(metric tapline_proxy_requests_total) \
    $(metric tapline_sink_records_written_total) $(metric tapline_sink_records_spooled_total) \
    $(metric tapline_sink_records_dropped_total)")
  read -r ON_R0 ON_P0 ON_A0 < <(dest_counts)
}
on_end() { # sink phase-name
  local k="$1|$2" q w sp d r p a
  drain
  read -r q w sp d < <(echo "$(metric tapline_proxy_requests_total) $(metric tapline_sink_records_written_total) \
    $(metric tapline_sink_records_spooled_total) $(metric tapline_sink_records_dropped_total)")
  read -r r p a < <(dest_counts)
  on_keys+=("$k")
  ON_RCV[$k]=$((q - ON_Q0)); ON_WR[$k]=$((w - ON_W0)); ON_SP[$k]=$((sp - ON_S0)); ON_DR[$k]=$((d - ON_D0))
  ON_REQ[$k]=$((r - ON_R0)); ON_RES[$k]=$((p - ON_P0)); ON_AB[$k]=$((a - ON_A0))
  log "  records ($2): ${ON_RCV[$k]} requests served, ${ON_REQ[$k]} request + ${ON_RES[$k]} response records + ${ON_AB[$k]} client_abort events stored, ${ON_DR[$k]} dropped"
}
