#!/usr/bin/env bash
# SIPp (Debian sip-tester) REGISTER with digest authentication for USERS accounts (10,000 by default) against Coffer's
# SIP control server and against Kamailio (Debian), one after the other in the same run, on loopback UDP.
#   - Coffer: a fresh Coffer.Server (SQLite, temporary data directory, SIP on a free 127.0.0.1 port), its accounts and
#     their HA1s seeded by coffer-sipbench through the storage contract.
#   - Kamailio: kamailio.cfg (auth_db over a db_text subscriber table with the same users' HA1s, usrloc in memory).
# Each target gets a SIPp run of DURATION seconds (at most 60) at RATE registrations per second (each registration
# is two REGISTERs: challenged 401, then authorized 200) with at most LIMIT registrations in flight. Prints a
# markdown table: registrations/s and REGISTER/s sustained, successful/failed, p50/p99 response time of each REGISTER
# (SIPp -trace_rtt), the server's CPU (utime + stime from /proc) in seconds and per registration, and its memory at
# the end of the run (PSS from /proc/PID/smaps_rollup, summed over the server's processes), and the datagrams the
# kernel dropped for a full socket receive buffer during the run (Udp RcvbufErrors of /proc/net/snmp, system-wide):
# each one is a REGISTER that SIPp retransmits only after T1 = 500 ms.
# METRICS_OUT=FILE appends Coffer's coffer_sip_request_duration histogram at the end of its run to FILE.
# COFFER_ARGS adds options to Coffer's command line (e.g. --Coffer:Sip:ReceiveBufferBytes=0 for the system default).
#   bench/sip/run.sh      RATE=20000 LIMIT=200 DURATION=20 USERS=10000 SKIP_BUILD=1 TARGETS="coffer kamailio" SIPP_BUFFER=4194304
set -euo pipefail
cd "$(dirname "$0")/../.."
RATE=${RATE:-20000}
LIMIT=${LIMIT:-200}
DURATION=${DURATION:-20}
SIPP_BUFFER=${SIPP_BUFFER:-4194304}
USERS=${USERS:-10000}
TARGETS=${TARGETS:-coffer kamailio}
[ "$DURATION" -le 60 ] || { echo "DURATION is at most 60 s"; exit 1; }
command -v sipp >/dev/null || { echo "sipp is missing: apt-get install sip-tester"; exit 1; }
command -v kamailio >/dev/null || { echo "kamailio is missing: apt-get install kamailio"; exit 1; }
ROOT=$(mktemp -d /tmp/coffer-sipbench.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$ROOT"
}
trap cleanup EXIT

if [ "${SKIP_BUILD:-}" != 1 ]; then
  dotnet build src/Coffer.Server -c Release -nologo -v q >/dev/null
  dotnet build bench/sip/Coffer.SipBench -c Release -nologo -v q >/dev/null
fi
SERVER=src/Coffer.Server/bin/Release/net10.0/Coffer.Server.dll
SEED=bench/sip/Coffer.SipBench/bin/Release/net10.0/coffer-sipbench

free_port() { python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
free_tcp_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# cpu PID...: utime + stime of the processes, in clock ticks
cpu() { local t=0 p; for p in "$@"; do t=$((t + $(awk '{ print $14 + $15 }' "/proc/$p/stat"))); done; echo "$t"; }
HZ=$(getconf CLK_TCK)
# The Udp RcvbufErrors counter (the field named so in the header line of /proc/net/snmp).
# socket_drops PORT: the datagrams dropped at the UDP socket bound to 127.0.0.1:PORT (the drops column of /proc/net/udp),
# the server's own share of the system-wide counter (SIPp's sockets drop too when it is starved of CPU).
socket_drops() { awk -v p="$(printf ':%04X' "$1")" 'NR > 1 && substr($2, length($2) - 4) == p { d += $NF } END { print d + 0 }' /proc/net/udp; }
rcvbuf_errors() { awk '/^Udp:/ { if (!n) { for (i = 1; i <= NF; i++) if ($i == "RcvbufErrors") f = i; n = 1 } else print $f }' /proc/net/snmp; }

"$SEED" seed "$ROOT/data" "$USERS" "$ROOT/users" >/dev/null

# bench NAME PORT PID...: SIPp against 127.0.0.1:PORT, one table row; the server's CPU from its PIDs
bench() {
  local name=$1 port=$2; shift 2
  local dir="$ROOT/sipp-$name"; mkdir -p "$dir"
  local before; before=$(cpu "$@")
  local drops_before; drops_before=$(rcvbuf_errors)
  # timeout: SIPp 3.6 sometimes hangs in its exit after -timeout; it is killed a little later.
  # -buff_size: SIPp plays all 10,000 users through one socket (64 KiB by default), where a burst of responses
  # overflows it; SIPP_BUFFER bytes (capped by net.core.rmem_max), the same for every server.
  (cd "$dir" && timeout -s KILL $((DURATION + 20)) sipp "127.0.0.1:$port" -sf "$OLDPWD/bench/sip/register.xml" -inf "$ROOT/users/users.csv" \
    -i 127.0.0.1 -p "$(free_port)" -r "$RATE" -l "$LIMIT" -timeout "${DURATION}s" -timeout_error -buff_size "$SIPP_BUFFER" \
    -trace_stat -stf stat.csv -fd 1 -trace_rtt -rtt_freq 1 -nostdin >/dev/null 2>&1) || true
  local after; after=$(cpu "$@")
  local drops=$(($(rcvbuf_errors) - drops_before))
  local server_drops; server_drops=$(socket_drops "$port")
  # Memory at the end of the run: proportional set size summed over the processes (shared pages split between them).
  local pss=0 q; for q in "$@"; do pss=$((pss + $(awk '/^Pss:/ { print $2 }' "/proc/$q/smaps_rollup"))); done
  # The last statistics line: elapsed time, successful and failed registrations, retransmissions (cumulative).
  local last; last=$(tail -n 1 "$dir/stat.csv")
  local elapsed ok failed retrans
  elapsed=$(echo "$last" | cut -d';' -f5 | awk -F: '{ print $1 * 3600 + $2 * 60 + $3 }')
  ok=$(echo "$last" | cut -d';' -f16)
  failed=$(echo "$last" | cut -d';' -f18)
  retrans=$(echo "$last" | cut -d';' -f58)
  # Response times of every REGISTER, both rtd 1 (401) and rtd 2 (200), in ms.
  local p50 p99
  read -r p50 p99 < <(cat "$dir"/*_rtt.csv | awk -F';' '$1 ~ /^[0-9]/ { print $2 }' | sort -n |
    awk '{ a[NR] = $1 } END { if (NR == 0) print "- -"; else print a[int((NR - 1) * 0.50) + 1], a[int((NR - 1) * 0.99) + 1] }')
  awk -v name="$name" -v e="$elapsed" -v ok="$ok" -v f="$failed" -v r="$retrans" -v p50="$p50" -v p99="$p99" \
      -v cpu=$((after - before)) -v hz="$HZ" -v pss="$pss" -v drops="$drops" -v sdrops="$server_drops" 'BEGIN {
    s = cpu / hz
    printf "| %s | %d | %.0f | %.0f | %d | %d | %d | %d | %d | %s | %s | %.2f | %.1f | %.0f |\n", name, e, ok / e, 2 * ok / e, ok, f, r, drops, sdrops, p50, p99, s, (ok > 0 ? 1e6 * s / ok : 0), pss / 1024
  }'
}

echo "users $USERS, rate $RATE registrations/s, at most $LIMIT in flight, $DURATION s each; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| server | s | registrations/s | REGISTER/s | successful | failed | retransmissions | UDP receive buffer drops | of them at the server | p50 ms | p99 ms | server CPU s | CPU µs/registration | memory MiB |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"

for target in $TARGETS; do
  case $target in
  coffer)
    sip=$(free_port); http=$(free_tcp_port)
    dotnet "$SERVER" --data "$ROOT/data" --urls "http://127.0.0.1:$http" --Coffer:Sip:Listen="127.0.0.1:$sip" \
      --Logging:LogLevel:Default=Warning ${COFFER_ARGS:-} >"$ROOT/coffer.log" 2>&1 &
    pid=$!; PIDS+=("$pid")
    for _ in $(seq 120); do curl -sf "http://127.0.0.1:$http/healthz" >/dev/null && break; sleep 0.5; done
    bench Coffer "$sip" "$pid"
    # METRICS_OUT=FILE keeps the server's SIP request-duration histogram of the run (docs/operations.md, "Metrics").
    [ -z "${METRICS_OUT:-}" ] || curl -sf "http://127.0.0.1:$http/metrics" | grep '^coffer_sip_request_duration' >>"$METRICS_OUT" || true
    kill "$pid"; wait "$pid" 2>/dev/null || true
    ;;
  kamailio)
    sip=$(free_port)
    mkdir -p "$ROOT/kamailio"
    cp "$ROOT/users/subscriber" "$ROOT/kamailio/subscriber"
    printf 'table_name(string) table_version(int)\nsubscriber:7\nlocation:9\n' >"$ROOT/kamailio/version"
    sed -e "s#LISTEN#127.0.0.1:$sip#" -e "s#DBURL#text://$ROOT/kamailio#" -e "s#CHILDREN#$(nproc)#" \
      bench/sip/kamailio.cfg >"$ROOT/kamailio/kamailio.cfg"
    kamailio -f "$ROOT/kamailio/kamailio.cfg" -DD -E -P "$ROOT/kamailio/pid" >"$ROOT/kamailio.log" 2>&1 &
    pid=$!; PIDS+=("$pid")
    sleep 2
    # Every process of the instance (the main one and its children) counts.
    bench Kamailio "$sip" $(pgrep -d ' ' -f "$ROOT/kamailio/kamailio.cfg")
    kill "$pid"; wait "$pid" 2>/dev/null || true
    ;;
  esac
done
