#!/usr/bin/env bash
# (b) Does a two-way sync cost follow the changes, not the store size? For each SIZE: seed the store directly
# (coffer-syncbench seed, exactly what a slow sync would have stored), slow-sync a phone that holds the same
# SIZE contacts so anchors and maps exist, then REPEATS times: 15 changes on the phone (5 edits, 5 adds,
# 5 deletes) and one measured two-way sync. Coffer only.
#   bench/sync/bench-b.sh [SIZES="1000 100000"] [REPEATS=3]   env: BENCH_ROOT, PORT, SKIP_SETUP=1, SKIP_BUILD=1,
#                                                            QUIET, IDLE (see run_size), GAP (idle seconds before each round)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
SIZES=${1:-"1000 100000"} REPEATS=${2:-3} PORT=${PORT:-18650}
[ "${SKIP_SETUP:-0}" = 1 ] || bench_setup
OUT=$BENCH_ROOT/results-b.tsv DATA=$BENCH_ROOT/coffer-data URL=http://127.0.0.1:$PORT/sync
trap 'coffer_stop' EXIT
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
  mkphone p "$URL" "$BENCH_ROOT/phones/p"
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
  stored=$(tool count --data "$DATA" --user "$USER_NAME")
  log "size $size: store holds $stored live contacts after $REPEATS rounds (expected $size)"
  coffer_stop; SERVER_LOG= METRICS_URL=
}

: > "$OUT"
machine_info
echo "command: ${COFFER_ENV:+COFFER_ENV=\"$COFFER_ENV\" }bench/sync/bench-b.sh \"$SIZES\" $REPEATS    (started $(date -u +%FT%TZ), load $(loadavg))"
calibrate
for size in $SIZES; do run_size "$size"; done
python3 "$BENCH_DIR/report.py" b "$OUT"
