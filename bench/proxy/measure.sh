# Sourced by bench/proxy/run.sh: one measured run (wrk at full load, or the constant-rate generator) and the CPU
# time each party spent during it.
# shellcheck shell=bash

to_ms() { # wrk latency (1.23ms, 456.78us, 1.02s, 1.50m) -> ms
  awk -v v="$1" 'BEGIN{u=v; gsub(/[0-9.]/, "", u); x=v+0;
    if (u=="us") x/=1000; else if (u=="s") x*=1000; else if (u=="m") x*=60000; printf "%.3f", x}'
}
ncpu="$(nproc)"
declare -A RPS P99 REQS ERRS CPU_PX CPU_ES CPU_RV CPU_UP CPU_CL BUSY OTHER
declare -A H_ACH H_P50 H_P99 H_P999 H_ERR

per_req() { # ticks requests -> microseconds per request
  awk -v d="$1" -v hz="$hz" -v n="$2" 'BEGIN{printf "%.1f", (n>0 ? d/hz*1e6/n : 0)}'
}
# Every process this benchmark started that may use CPU (idle ones included), for the "other processes" figure.
bench_ticks() {
  local t=0 p
  for p in "$upstream_pid" "$nginxproxy_pid" "$tapline_pid" "$receiver_pid"; do
    [[ -n "$p" ]] && t=$((t + $(cpu_ticks "$p")))
  done
  echo "$t"
}
# CPU accounting around one run: the server under test (its JVM without the Elasticsearch child for tapline), the
# embedded Elasticsearch JVM, the json_lines receiver, the upstream nginx, the clients (wrk, the load generator:
# this shell's reaped children) and the whole machine; "other" is what none of those used.
measure_start() { # server-pid
  M_srv="$1"; M_c0="$(cpu_ticks "$1")"; M_u0="$(cpu_ticks "$upstream_pid")"; M_e0=0; M_r0=0
  if [[ "$1" == "$tapline_pid" && -n "$es_pid" ]]; then M_e0="$(cpu_ticks "$es_pid")"; fi
  if [[ -n "$receiver_pid" ]]; then M_r0="$(cpu_ticks "$receiver_pid")"; fi
  M_b0="$(bench_ticks)"; read -r M_m0 M_p0 M_t0 < <(machine_ticks); client_ms; M_cl0="$client_cpu_ms"
}
measure_end() { # key requests
  local k="$1" n="$2" c1 u1 m1 p1 t1 cl1 b1 e=0 r=0 up
  c1="$(cpu_ticks "$M_srv")"; u1="$(cpu_ticks "$upstream_pid")"; read -r m1 p1 t1 < <(machine_ticks)
  b1="$(bench_ticks)"
  if [[ "$M_srv" == "$tapline_pid" && -n "$es_pid" ]]; then e=$(( $(cpu_ticks "$es_pid") - M_e0 )); fi
  if [[ -n "$receiver_pid" ]]; then r=$(( $(cpu_ticks "$receiver_pid") - M_r0 )); fi
  client_ms; cl1="$client_cpu_ms"
  up=$((u1 - M_u0)); [[ "$M_srv" != "$upstream_pid" ]] || up=0
  CPU_PX[$k]="$(per_req $((c1 - M_c0 - e)) "$n")"
  CPU_ES[$k]="-"; CPU_RV[$k]="-"
  if [[ "$M_srv" == "$tapline_pid" ]]; then
    CPU_ES[$k]="$(per_req "$e" "$n")"
    [[ "$cur_sink" != logstash ]] || CPU_RV[$k]="$(per_req "$r" "$n")"
  fi
  CPU_UP[$k]="$(per_req "$up" "$n")"
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
  [[ "$t" != on_* ]] || drain # delivering this run's records is part of its cost
  measure_end "$t" "${REQS[$t]}"
  log "  ${RPS[$t]} req/s, p99 ${P99[$t]} ms"
}

rate_run() { # key target rate
  local k="$1" t="$2" out="$tmp/rate-$1.txt" line
  log "constant rate ${NAME[$t]}: $3 req/s, ${warm_s}s warm-up + ${dur_s}s measured (${CONNECTIONS} connections)"
  measure_start "${SERVER[$t]}"
  run_client "$out" java -Xms256m -Xmx256m -cp "$cls" ConstantRate --url "${URL[$t]}" --rate "$3" \
    --duration "${dur_s}s" --warmup "${warm_s}s" --connections "$CONNECTIONS"
  line="$(grep '^RESULT ' "$out")" || die "the load generator printed no result"
  kv() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$line"; }
  [[ "$t" != on_* ]] || drain # delivering this run's records is part of its cost
  measure_end "$k" "$(kv completed_total)"
  H_ACH[$k]="$(kv achieved_rate)"; H_P50[$k]="$(kv p50_ms)"; H_P99[$k]="$(kv p99_ms)"; H_P999[$k]="$(kv p999_ms)"
  H_ERR[$k]=$(( $(kv errors) + $(kv non2xx) ))
  log "  p50 ${H_P50[$k]} ms, p99 ${H_P99[$k]} ms, p99.9 ${H_P999[$k]} ms"
}
