#!/usr/bin/env bash
# (a) Slow sync of N generated vCards from a phone, then refresh-from-server into a second, empty phone:
# server CPU (utime+stime of the server process tree, from /proc) and wall time, Coffer vs the reference server
# (SyncEvolution's syncevo-http-server + syncevo-dbus-server + its per-session helpers), in the same run.
#   bench/sync/bench-a.sh [N=10000] [REPEATS=1]     env: BENCH_ROOT, PORT (base port), SKIP_SETUP=1, SKIP_BUILD=1,
#                                                   SERVERS="coffer reference" (the default; "coffer" alone while tuning;
#                                                   "coffer-pg": Coffer on a private PostgreSQL cluster, COFFER_STORAGE=postgres,
#                                                   with the postgres processes' CPU reported apart),
#                                                   COLD=1 (no warm-up: the measured slow sync is the fresh process's first),
#                                                   COFFER_PUBLISH=r2r|il (run a published server; lib.sh), COFFER_ENV
set -euo pipefail
. "$(dirname "$0")/lib.sh"
N=${1:-10000} REPEATS=${2:-1} PORT=${PORT:-18640}
[ "${SKIP_SETUP:-0}" = 1 ] || bench_setup
OUT=$BENCH_ROOT/results-a.tsv
trap 'coffer_stop; pg_stop; ref_stop' EXIT

run_server() { # run_server coffer|coffer-pg|reference REPEAT -> rows in $OUT
  local srv=$1 rep=$2 url pids slow refresh
  client_forget
  rm -rf "$BENCH_ROOT/phones"; python3 "$BENCH_DIR/cards.py" phone "$N" "$BENCH_ROOT/phones/a/contacts"
  if [ "$srv" = coffer ] || [ "$srv" = coffer-pg ]; then
    COFFER_STORAGE=sqlite; [ "$srv" = coffer-pg ] && COFFER_STORAGE=postgres
    coffer_init "$BENCH_ROOT/coffer-data"; coffer_start "$BENCH_ROOT/coffer-data" "$PORT"
    # extra_ms: on PostgreSQL, the postmaster and its backends (an ended backend's CPU is in the postmaster's cutime)
    url=http://127.0.0.1:$PORT/sync; pids=$COFFER_PID; EXTRA_PIDS=${PG_PID:-} SERVER_LOG=$BENCH_ROOT/coffer-data.log METRICS_URL=http://127.0.0.1:$PORT/metrics
  else
    ref_start "$((PORT + 1))"; ref_peer a; ref_peer b; ref_peer w warm; ref_peer w2 warm
    url=http://127.0.0.1:$((PORT + 1))/syncevolution; pids="${REF_PIDS[*]}"; EXTRA_PIDS=$REF_DBUS_PID SERVER_LOG= METRICS_URL=
  fi
  mkphone a "$url" "$BENCH_ROOT/phones/a"; mkphone b "$url" "$BENCH_ROOT/phones/b"
  [ "${COLD:-0}" = 1 ] || warm_up "$url"; sleep 2
  log "$srv #$rep: slow sync of $N cards (load $(loadavg))"
  slow=$(measure_sync a slow $pids); local la=$(loadavg)
  [ "$(last_status source-contacts-mode)" = slow ] || { echo "$srv: expected a slow sync, got '$(last_status source-contacts-mode)'" >&2; return 1; }
  if [ "$srv" = coffer ]; then
    read -r cards raw payload content db userdb <<< "$(stored_bytes "$BENCH_ROOT/coffer-data" "$BENCH_ROOT/phones/a/contacts" "$USER_NAME")"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$rep" "$cards" "$raw" "$payload" "$content" "$db" "$userdb" >> "$BENCH_ROOT/stored-a.tsv"
  fi
  log "$srv #$rep: refresh-from-server into an empty phone"
  refresh=$(measure_sync b refresh-from-server $pids); local lb=$(loadavg)
  local got; got=$(ls "$BENCH_ROOT/phones/b/contacts" | wc -l)
  [ "$got" = "$N" ] || { echo "$srv: phone b has $got cards after refresh-from-server, expected $N" >&2; return 1; }
  printf '%s\t%s\tslow\t%s\t%s\n' "$srv" "$rep" "${slow// /$'\t'}" "$la" >> "$OUT"
  printf '%s\t%s\trefresh\t%s\t%s\n' "$srv" "$rep" "${refresh// /$'\t'}" "$lb" >> "$OUT"
  if [ "$srv" = reference ]; then ref_stop; else coffer_stop; pg_stop; fi
}

: > "$OUT"; : > "$BENCH_ROOT/stored-a.tsv"
machine_info
echo "command: ${COLD:+COLD=$COLD }${COFFER_PUBLISH:+COFFER_PUBLISH=$COFFER_PUBLISH }${COFFER_ENV:+COFFER_ENV=\"$COFFER_ENV\" }bench/sync/bench-a.sh $N $REPEATS    (started $(date -u +%FT%TZ), load $(loadavg))"
for rep in $(seq "$REPEATS"); do
  for srv in ${SERVERS:-coffer reference}; do run_server "$srv" "$rep"; done
done
python3 "$BENCH_DIR/report.py" a "$OUT" "$N"
# Stored bytes per contact after the slow sync (Coffer): the bench user's payloads against the phone's vCard files.
awk -F'\t' 'BEGIN { print "\n| run | cards | raw vCard bytes per card | stored payload bytes per card | payload / raw | content bytes per card (server form) | database bytes per card, all users | database of the bench user alone per card | that / raw |"; print "|---|---|---|---|---|---|---|---|---|" }
  { printf "| %s | %d | %.0f | %.0f | %.2f | %.0f | %.0f | %.0f | %.2f |\n", $1, $2, $3/$2, $4/$2, $4/$3, $5/$2, $6/$2, $7/$2, $7/$3 }' "$BENCH_ROOT/stored-a.tsv"
echo; echo "bench user's database alone, bytes per table and index (last run): $BENCH_ROOT/user-db-tables.txt"; cat "$BENCH_ROOT/user-db-tables.txt"
