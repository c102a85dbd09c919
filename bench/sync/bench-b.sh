#!/usr/bin/env bash
# (b) Does a two-way sync cost follow the changes, not the store size? For each SIZE: seed the store directly
# (coffer-syncbench seed, exactly what a slow sync would have stored), slow-sync a phone that holds the same
# SIZE contacts so anchors and maps exist, then REPEATS times: 15 changes on the phone (5 edits, 5 adds,
# 5 deletes) and one measured two-way sync. Coffer only.
#   bench/sync/bench-b.sh [SIZES="1000 100000"] [REPEATS=3]   env: BENCH_ROOT, PORT, SKIP_SETUP=1, SKIP_BUILD=1,
#                                                            QUIET, IDLE (see run_size), GAP (idle seconds before each round),
#                                                            HOLD (s the server sits idle between messages 1 and 2 of a round),
#                                                            HOLD_BUSY (a folder of files read during the hold),
#                                                            PROFILE=1 (perf samples the server over the rounds:
#                                                            $BENCH_ROOT/perf-SIZE.data; FREQ, default 4999 Hz)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
SIZES=${1:-"1000 100000"} REPEATS=${2:-3} PORT=${PORT:-18650}
[ "${SKIP_SETUP:-0}" = 1 ] || bench_setup
OUT=$BENCH_ROOT/results-b.tsv DATA=$BENCH_ROOT/coffer-data URL=http://127.0.0.1:$PORT/sync
HOLD_PID=
trap 'coffer_stop; [ -z "$HOLD_PID" ] || kill "$HOLD_PID" 2>/dev/null' EXIT
tool() { dotnet "$TOOL_DLL" "$@"; }

# The seeding input must be byte for byte what SyncEvolution sends; prove it on a small real slow sync first.
calibrate() {
  log "calibration: real slow sync of 50 cards, compared with the seeding input"
  client_forget; rm -rf "$BENCH_ROOT/phones" "$BENCH_ROOT/as-sent"
  coffer_init "$DATA"; coffer_start "$DATA" "$PORT"
  python3 "$BENCH_DIR/cards.py" phone 50 "$BENCH_ROOT/phones/p/contacts"
  python3 "$BENCH_DIR/cards.py" as-sent 50 "$BENCH_ROOT/as-sent"
  mkphone p "$URL" "$BENCH_ROOT/phones/p"; se_sync p slow
  tool check --data "$DATA" --user "$USER_NAME" --from "$BENCH_ROOT/as-sent" | tail -1
  coffer_stop
}

run_size() {
  local size=$1 r m stored
  log "size $size: seeding the store directly"
  client_forget; rm -rf "$BENCH_ROOT/phones" "$BENCH_ROOT/as-sent"
  coffer_init "$DATA"
  python3 "$BENCH_DIR/cards.py" as-sent "$size" "$BENCH_ROOT/as-sent"
  tool seed --data "$DATA" --user "$USER_NAME" --from "$BENCH_ROOT/as-sent"
  rm -rf "$BENCH_ROOT/as-sent"
  python3 "$BENCH_DIR/cards.py" phone "$size" "$BENCH_ROOT/phones/p/contacts"
  coffer_start "$DATA" "$PORT"; warm_up "$URL"; SERVER_LOG=$DATA.log METRICS_URL=http://127.0.0.1:$PORT/metrics
  # HOLD: the phone talks through holdproxy.py, which holds message 2 of every session HOLD s. A phone of 100,000
  # contacts scans them (~50 s) between messages 1 and 2, so the server meets message 2 after that long idle;
  # HOLD gives a small store's sessions the same pause, to compare like with like.
  local phone_url=$URL
  if [ -n "${HOLD:-}" ] && [ -z "$HOLD_PID" ]; then
    python3 "$BENCH_DIR/holdproxy.py" "$((PORT + 1))" "$PORT" "$HOLD" ${HOLD_BUSY:-} & HOLD_PID=$!; sleep 0.5
  fi
  [ -z "${HOLD:-}" ] || phone_url=http://127.0.0.1:$((PORT + 1))/sync
  mkphone p "$phone_url" "$BENCH_ROOT/phones/p"
  log "size $size: slow sync of the phone's $size cards against the seeded store (load $(loadavg))"
  m=$(measure_sync p slow "$COFFER_PID")
  printf '%s\t0\tsetup-slow\t%s\t%s\n' "$size" "${m// /$'\t'}" "$(loadavg)" >> "$OUT"
  stored=$(tool count --data "$DATA" --user "$USER_NAME")
  # Every phone card must have met its seeded twin: nothing added on the server, nothing sent back.
  local received; received=$(last_status source-contacts-stat-local-added-total)
  [ "$stored" = "$size" ] && [ "${received:-0}" = 0 ] || {
    echo "size $size: after the slow sync the server holds $stored contacts (expected $size);" \
         "phone received ${received:-0} new ones" >&2; return 1; }
  # A young .NET process keeps re-compiling hot methods in the background for a while after a big sync; let that
  # settle, then record what the idle server burns in IDLE (60) s: Kestrel's timer and the thread pool cost CPU
  # per second of wall time, and the client's scan of 100,000 files makes the 100k windows ~1 min long.
  sleep "${QUIET:-30}"
  local i0 idle=${IDLE:-60}; i0=$(cpu_ticks "$COFFER_PID"); sleep "$idle"
  printf '%s\t0\tidle\t%s\t%s\t0\t-1\t-1\t%s\n' "$size" "$(( ($(cpu_ticks "$COFFER_PID") - i0) * 1000 / HZ ))" "$((idle * 1000))" "$(loadavg)" >> "$OUT"
  local perf_pid=
  if [ "${PROFILE:-0}" = 1 ]; then
    perf record -F "${FREQ:-4999}" -g -p "$COFFER_PID" -o "$BENCH_ROOT/perf-$size.data" 2>/dev/null & perf_pid=$!; sleep 1
  fi
  for r in $(seq "$REPEATS"); do
    python3 "$BENCH_DIR/cards.py" change "$r" "$BENCH_ROOT/phones/p/contacts" "$size"
    # GAP: seconds the server sits idle before the round (the client's scan of 100,000 files adds ~50 s to it)
    sleep "${GAP:-5}"
    log "size $size: two-way sync of 15 changes, round $r (load $(loadavg))"
    m=$(measure_sync p two-way "$COFFER_PID")
    [ "$(last_status source-contacts-mode)" = two-way ] || { echo "expected a two-way sync, got $(last_status source-contacts-mode)" >&2; return 1; }
    printf '%s\t%s\ttwo-way\t%s\t%s\n' "$size" "$r" "${m// /$'\t'}" "$(loadavg)" >> "$OUT"
    grep -h "^source-contacts-stat-remote" "$(ls -dt "$BENCH_ROOT"/client/cache/syncevolution/*/ | head -1)/status.ini" | tr '\n' ' ' >&2; echo >&2
  done
  [ -z "$perf_pid" ] || { kill -INT "$perf_pid"; wait "$perf_pid" || true; }
  stored=$(tool count --data "$DATA" --user "$USER_NAME")
  log "size $size: store holds $stored live contacts after $REPEATS rounds (expected $size)"
  coffer_stop; SERVER_LOG= METRICS_URL=
  cp "$DATA.log" "$BENCH_ROOT/coffer-$size.log"   # the next size starts a new log
}

: > "$OUT"
machine_info
echo "command: ${COFFER_ENV:+COFFER_ENV=\"$COFFER_ENV\" }bench/sync/bench-b.sh \"$SIZES\" $REPEATS    (started $(date -u +%FT%TZ), load $(loadavg))"
calibrate
for size in $SIZES; do run_size "$size"; done
python3 "$BENCH_DIR/report.py" b "$OUT"
