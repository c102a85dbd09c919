#!/usr/bin/env bash
# Where does Coffer's server CPU go in one sync? (WARM=N first runs the same sync for another user, so the
# profile shows the steady state rather than JIT tiering.) perf samples the server (JIT frames named through
# DOTNET_PerfMapEnabled=1's /tmp/perf-PID.map) while a phone slow-syncs N cards (MODE=slow) or while an
# empty phone refreshes them from the server (MODE=refresh).
#   bench/sync/profile.sh [N=2000] [MODE=slow]      needs perf (linux-perf); env: BENCH_ROOT, PORT, SKIP_SETUP=1,
#                                                   COFFER_STORAGE=postgres (the server on a private PostgreSQL cluster, lib.sh)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
N=${1:-2000} MODE=${2:-slow} PORT=${PORT:-18660}
[ "${SKIP_SETUP:-0}" = 1 ] || bench_setup
command -v perf >/dev/null || { echo "perf is not installed (apt-get install linux-perf)" >&2; exit 1; }
trap 'coffer_stop; pg_stop' EXIT
DATA=$BENCH_ROOT/coffer-data URL=http://127.0.0.1:$PORT/sync
client_forget; rm -rf "$BENCH_ROOT/phones"
coffer_init "$DATA"
# W^X double-mapping hides JIT frames from perf; turn it off for the profiled process only.
export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
coffer_start "$DATA" "$PORT"; unset DOTNET_PerfMapEnabled DOTNET_EnableWriteXorExecute
warm_up "$URL"
python3 "$BENCH_DIR/cards.py" phone "$N" "$BENCH_ROOT/phones/a/contacts"
mkphone a "$URL" "$BENCH_ROOT/phones/a"
if [ "$MODE" = refresh ]; then se_sync a slow; mkphone b "$URL" "$BENCH_ROOT/phones/b"; PHONE=b SM=refresh-from-server; else PHONE=a SM=slow; fi
perf record -F ${FREQ:-499} -g -p "$COFFER_PID" -o "$BENCH_ROOT/perf.data" 2>/dev/null &
PERF=$!; sleep 1
MAP=/tmp/perf-$COFFER_PID.map; MAP0=$(wc -l < "$MAP")
m=$(measure_sync "$PHONE" "$SM" "$COFFER_PID")
kill -INT "$PERF"; wait "$PERF" || true
set +e +o pipefail   # reports below are cut with head
echo "server CPU ms, wall ms: $m   ($N cards, $SM)"
perf report -i "$BENCH_ROOT/perf.data" --no-children --sort dso --stdio 2>/dev/null | grep -E '^ +[0-9]' | head -12
echo "--- self time by symbol ---"
perf report -i "$BENCH_ROOT/perf.data" --no-children --sort symbol --stdio -g none 2>/dev/null | grep -E '^ +[0-9]' | head -40
echo "--- methods JIT-compiled during the measured sync: $(( $(wc -l < "$MAP") - MAP0 )) (by namespace, then a sample) ---"
tail -n +"$((MAP0 + 1))" "$MAP" | cut -d' ' -f3- | sed -E 's/^[^[]*\[([^]]*)\] *//' | awk -F'::' '{print $1}' | sed -E 's/`.*//; s/\.[^.]*$//' | sort | uniq -c | sort -rn | head -15
tail -n +"$((MAP0 + 1))" "$MAP" | cut -d' ' -f3- | cut -c1-160 | shuf -n 15 --random-source=/dev/zero
echo "--- inclusive (children) ---"
perf report -i "$BENCH_ROOT/perf.data" --children --sort symbol --stdio -g none 2>/dev/null | grep -E '^ +[0-9]' | grep -E 'Coffer|Sqlite|Xml|Brotli|Json|Logging|AspNetCore' | cut -c1-220 | head -60
