# Sourced by bench/proxy/run.sh once every run is done: the tables, the checks against issue 3's targets, and the
# exit status.
# shellcheck shell=bash

ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", (b>0 ? a/b : 0)}'; }
verdict() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN{ok = (op==">=" ? v>=t : v<=t); print (ok ? "PASS" : "BELOW TARGET")}'; }
minus() { # a - b, or n/a when either is not a number (no request answered in time)
  awk -v a="$1" -v b="$2" 'BEGIN{if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/) printf "%.3f", a-b; else printf "n/a"}'
}
num() { [[ "$1" =~ ^[0-9.]+$ ]] && echo "$1" || echo "n/a"; }
row_head() {
  printf '%-26s %9s %9s %9s %7s %7s %7s %7s %7s %7s %5s %6s\n' "target" "$1" "$2" "$3" "errors" "prx us" "es us" \
    "recv us" "up us" "cli us" "busy" "other"
}
row() { # name col1 col2 col3 errors key
  local up="${CPU_UP[$6]}"; [[ "${6#h_}" != direct ]] || up="-"
  printf '%-26s %9s %9s %9s %7s %7s %7s %7s %7s %7s %4s%% %6s\n' "$1" "$2" "$3" "$4" "$5" "${CPU_PX[$6]}" \
    "${CPU_ES[$6]}" "${CPU_RV[$6]}" "$up" "${CPU_CL[$6]}" "${BUSY[$6]}" "${OTHER[$6]}"
}

declare -A R_NGINX R_OFF ADDED RECORDS_OK
for s in "${sinks[@]}"; do
  R_NGINX[$s]="$(ratio "${RPS[on_$s]}" "${RPS[nginx]}")"
  R_OFF[$s]="$(ratio "${RPS[on_$s]}" "${RPS[off_$s]}")"
  ADDED[$s]="$(minus "${H_P99[h_on_$s]}" "${H_P99[h_direct]}")"
  RECORDS_OK[$s]=yes
done
# One request record per request received, and a response record or a client_abort event for each; none dropped.
records_add_up() { # key
  [[ "${ON_REQ[$1]}" == "${ON_RCV[$1]}" && $((ON_RES[$1] + ON_AB[$1])) == "${ON_RCV[$1]}" && "${ON_DR[$1]}" == 0 ]]
}
for k in "${on_keys[@]}"; do
  records_add_up "$k" || RECORDS_OK[${k%%|*}]=no
done

{
  echo
  echo "Tapline proxy benchmark, $started_at, $ncpu cores ($(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo)),"
  echo "  load average before the run: $loadavg, after: $(cut -d' ' -f1-3 /proc/loadavg); response: 1 KiB static"
  echo "  file from nginx; loopback. CPU time per request, in us: prx = the proxy under test (for direct: the"
  echo "  upstream nginx; for tapline: its JVM), es = tapline's embedded Elasticsearch JVM (the destination of the"
  echo "  direct sink; idle otherwise), recv = the json_lines receiver process (logstash sink), up = the upstream"
  echo "  nginx, cli = wrk or the load generator; busy = whole machine; other = cores used by processes outside the"
  echo "  benchmark during the run. Capture-on rows include delivering the run's backlog after the load."
  echo "  tapline JVM options: ${tapline_java_opts//%s/<sink>}"
  echo
  echo "max load: wrk -t$THREADS -c$CONNECTIONS -d${dur_s}s --latency after a ${warm_s}s warm-up, each target in turn"
  row_head "req/s" "p99 ms" ""
  for t in direct nginx; do row "${NAME[$t]}" "${RPS[$t]}" "${P99[$t]}" "" "${ERRS[$t]}" "$t"; done
  for s in "${sinks[@]}"; do
    for t in "off_$s" "on_$s"; do row "${NAME[$t]}" "${RPS[$t]}" "${P99[$t]}" "" "${ERRS[$t]}" "$t"; done
  done
  echo
  echo "half load: constant ${HALF_RATE} req/s (half of the nginx proxy's max unless HALF_RATE was set), ${CONNECTIONS}"
  echo "  keep-alive connections, open loop, latency from when each request was due (coordinated omission"
  echo "  corrected); errors = failed or not answered within 5 s of the end"
  row_head "done/s" "p50 ms" "p99 ms"
  for t in direct nginx; do
    row "${NAME[$t]}" "${H_ACH[h_$t]}" "$(num "${H_P50[h_$t]}")" "$(num "${H_P99[h_$t]}")" "${H_ERR[h_$t]}" "h_$t"
  done
  for s in "${sinks[@]}"; do
    for t in "off_$s" "on_$s"; do
      row "${NAME[$t]}" "${H_ACH[h_$t]}" "$(num "${H_P50[h_$t]}")" "$(num "${H_P99[h_$t]}")" "${H_ERR[h_$t]}" "h_$t"
    done
  done
  echo
  echo "records of route /on (capture on), counted at the destination after the sink drained; every request the"
  echo "proxy received must have exactly one request record there, and one response record or, when the client"
  echo "closed the connection first (wrk does at the end of a run), one client_abort event (aborts)"
  printf '  %-9s %-30s %10s %10s %10s %7s %9s %9s  %s\n' "sink" "run" "requests" "req recs" "resp recs" "aborts" \
    "spooled" "dropped" "check"
  for k in "${on_keys[@]}"; do
    ok=OK
    records_add_up "$k" || ok=MISMATCH
    printf '  %-9s %-30s %10s %10s %10s %7s %9s %9s  %s\n' "${k%%|*}" "${k#*|}" "${ON_RCV[$k]}" "${ON_REQ[$k]}" \
      "${ON_RES[$k]}" "${ON_AB[$k]}" "${ON_SP[$k]}" "${ON_DR[$k]}" "$ok"
  done
  echo
  printf '%-52s' "check (issue 3 targets)"
  for s in "${sinks[@]}"; do printf ' %10s' "$s"; done
  printf '  %9s\n' "target"
  printf '%-52s' "throughput capture-on / nginx-proxy"
  for s in "${sinks[@]}"; do printf ' %10s' "${R_NGINX[$s]}"; done
  printf '  %9s\n' ">= 0.80"
  printf '%-52s' "throughput capture-on / capture-off (same process)"
  for s in "${sinks[@]}"; do printf ' %10s' "${R_OFF[$s]}"; done
  printf '  %9s\n' ">= 0.90"
  printf '%-52s' "p99 added over direct at ${HALF_RATE} req/s (ms)"
  for s in "${sinks[@]}"; do printf ' %10s' "${ADDED[$s]}"; done
  printf '  %9s\n' "<= 1.000"
  printf '%-52s' "every request recorded at the destination"
  for s in "${sinks[@]}"; do printf ' %10s' "${RECORDS_OK[$s]}"; done
  printf '  %9s\n' "yes"
  echo "reference figures:"
  printf '  %-50s %10s\n' "throughput capture-off [$JUDGE] / nginx-proxy" "$(ratio "${RPS[off_$JUDGE]}" "${RPS[nginx]}")"
  printf '  %-50s %10s\n' "p99 added by the nginx proxy at ${HALF_RATE} req/s (ms)" \
    "$(minus "${H_P99[h_nginx]}" "${H_P99[h_direct]}")"
  printf '  %-50s %10s\n' "p99 added by capture-off [$JUDGE] (ms)" "$(minus "${H_P99[h_off_$JUDGE]}" "${H_P99[h_direct]}")"
  echo
  v1="$(verdict "${R_NGINX[$JUDGE]}" 0.80 '>=')"; v2="$(verdict "${R_OFF[$JUDGE]}" 0.90 '>=')"
  if [[ "${ADDED[$JUDGE]}" == n/a ]]; then v3="BELOW TARGET"; else v3="$(verdict "${ADDED[$JUDGE]}" 1.0 '<=')"; fi
  v4=PASS
  for s in "${sinks[@]}"; do [[ "${RECORDS_OK[$s]}" == yes ]] || v4="RECORDS LOST OR MISCOUNTED ($s)"; done
  echo "verdict, judged on the $JUDGE sink (records: every sink):"
  echo "  capture-on >= 0.80 x nginx proxy: $v1; capture-on >= 0.90 x capture-off: $v2;"
  echo "  p99 added <= 1 ms at half load: $v3; every request recorded: $v4"
  noisy=""
  for k in "${!OTHER[@]}"; do
    awk -v o="${OTHER[$k]}" 'BEGIN{exit !(o > 0.25)}' && noisy="$noisy $k(${OTHER[$k]})"
  done
  if [[ -n "$noisy" ]]; then
    echo "WARNING: other processes used more than 0.25 cores during:$noisy; the figures are disturbed"
  fi
  echo
}

if [[ -n "$noisy" ]]; then
  exit 3
elif [[ "$v1" != PASS || "$v2" != PASS || "$v3" != PASS || "$v4" != PASS ]]; then
  exit 2
fi
