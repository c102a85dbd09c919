# Shared by the sync benchmarks (source it). Everything runs on 127.0.0.1 under $BENCH_ROOT.
# Facts used here (see docs/interop-harness.md): Debian's syncevolution 2.0.0 needs the curl callback shim
# preloaded; always --daemon=no, keyring=no and no D-Bus session for the client; the packaged reference
# server must be patched to run (unexpanded '#!@PYTHON@') and to listen on loopback only.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/../.." && pwd)
BENCH_ROOT=${BENCH_ROOT:-/tmp/coffer-syncbench}
CONF=${CONF:-Release}
SERVER_DLL=$REPO/src/Coffer.Server/bin/$CONF/net10.0/Coffer.Server.dll
# COFFER_PUBLISH=r2r: run the server from `dotnet publish -r linux-x64 --self-contained false -p:PublishReadyToRun=true`
# (the deployment of docs/operations.md) instead of the build output; COFFER_PUBLISH=il: the same publish without ReadyToRun.
COFFER_PUBLISH=${COFFER_PUBLISH:-}
case "$COFFER_PUBLISH" in
  '') ;;
  r2r|il) SERVER_DLL=$BENCH_ROOT/coffer-publish-$COFFER_PUBLISH/Coffer.Server.dll ;;
  *) echo "COFFER_PUBLISH must be r2r or il" >&2; exit 1 ;;
esac
CLI_DLL=$REPO/src/Coffer.Cli/bin/$CONF/net10.0/coffer.dll
TOOL_DLL=$BENCH_DIR/Coffer.SyncBench/bin/$CONF/net10.0/coffer-syncbench.dll
HZ=$(getconf CLK_TCK)
USER_NAME=alice USER_PASS=secret

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# --- one-time setup: Debian packages, the curl shim, the loopback reference server, Release builds ---------
bench_setup() {
  local need=() p
  for p in syncevolution syncevolution-http python3-twisted python3 gcc dbus procps iproute2 curl sqlite3; do
    dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
  done
  if [ ${#need[@]} -gt 0 ]; then
    log "apt-get install ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q "${need[@]}" >/dev/null 2>&1 || { apt-get update -q >/dev/null; apt-get install -y -q "${need[@]}" >/dev/null; }
  fi
  mkdir -p "$BENCH_ROOT"
  # The same shim the interop tests compile (CurlFixShim), from our own source.
  gcc -shared -fPIC -O2 -o "$BENCH_ROOT/curlfix.so" "$REPO/tests/Coffer.Interop.Tests/native/coffer_curlfix.c" -ldl
  sed -e '1s|.*|#!/usr/bin/python3|' \
      -e 's|reactor.listenTCP(url.port, site)|reactor.listenTCP(int(os.environ.get("SE_LISTEN_PORT") or url.port), site, interface="127.0.0.1")|' \
      /usr/bin/syncevo-http-server > "$BENCH_ROOT/syncevo-http-server-loopback"
  chmod +x "$BENCH_ROOT/syncevo-http-server-loopback"
  grep -q 'interface="127.0.0.1"' "$BENCH_ROOT/syncevo-http-server-loopback" || { echo "could not patch syncevo-http-server" >&2; return 1; }
  if [ "${SKIP_BUILD:-0}" != 1 ]; then
    log "building Coffer.Server, Coffer.Cli, Coffer.SyncBench ($CONF)"
    for p in src/Coffer.Server src/Coffer.Cli bench/sync/Coffer.SyncBench; do
      dotnet build -c "$CONF" "$REPO/$p" -v q -nologo >/dev/null || { echo "build of $p failed" >&2; return 1; }
    done
    if [ -n "$COFFER_PUBLISH" ]; then
      local r2r=false; [ "$COFFER_PUBLISH" = r2r ] && r2r=true
      log "publishing Coffer.Server (linux-x64, framework-dependent, ReadyToRun $r2r)"
      rm -rf "$BENCH_ROOT/coffer-publish-$COFFER_PUBLISH"
      dotnet publish -c "$CONF" "$REPO/src/Coffer.Server" -r linux-x64 --self-contained false -p:PublishReadyToRun=$r2r \
        -o "$BENCH_ROOT/coffer-publish-$COFFER_PUBLISH" -v q -nologo >/dev/null || { echo "publish of Coffer.Server failed" >&2; return 1; }
    fi
  fi
}

# --- CPU accounting -----------------------------------------------------------------------------------------
# CPU ticks of a process and every live descendant: utime+stime+cutime+cstime (/proc/PID/stat fields 14-17).
# A helper that exited was reaped by its parent, so its CPU is in the parent's cutime/cstime already.
tree_pids() { # the given pids and all their live descendants (no /proc/PID/task/*/children on every kernel)
  ps -eo pid=,ppid= | awk -v roots="$*" 'BEGIN { n = split(roots, r, " "); for (i = 1; i <= n; i++) want[r[i]] = 1 }
    { parent[$1] = $2 } END { changed = 1; while (changed) { changed = 0; for (p in parent) if (!(p in want) && (parent[p] in want)) { want[p] = 1; changed = 1 } }
    for (p in want) print p }'
}
cpu_ticks() {
  [ $# -gt 0 ] || { echo 0; return; }
  local total=0 p f
  for p in $(tree_pids "$@"); do
    f=$(sed 's/^.*) //' "/proc/$p/stat" 2>/dev/null) || continue
    # after "pid (comm) ", field 14 of stat is the 12th word
    set -- $f; total=$((total + ${12} + ${13} + ${14} + ${15}))
  done
  echo "$total"
}
now_ms() { date +%s%3N; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

# --- clients ("phones") -----------------------------------------------------------------------------------
client_env() {
  export HOME=$BENCH_ROOT/client/home XDG_CONFIG_HOME=$BENCH_ROOT/client/config XDG_DATA_HOME=$BENCH_ROOT/client/data XDG_CACHE_HOME=$BENCH_ROOT/client/cache
  export LD_PRELOAD=$BENCH_ROOT/curlfix.so no_proxy='*' NO_PROXY='*'
  unset DBUS_SESSION_BUS_ADDRESS http_proxy https_proxy HTTP_PROXY HTTPS_PROXY
  mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME"
}
# mkphone NAME URL DIR [USER]: a phone with one contacts datastore (vCard 3.0, one file per contact, remote "card").
mkphone() {
  local name=$1 url=$2 dir=$3 user=${4:-$USER_NAME}
  mkdir -p "$dir/contacts"
  ( client_env
    syncevolution --daemon=no --configure --template none keyring=no \
      syncURL="$url" username="$user" password="$USER_PASS" \
      enableWBXML=0 clientAuthType=basic maxMsgSize="${MAXMSG:-150000}" maxObjSize=4000000 \
      RetryDuration=300 RetryInterval=60 deviceId="bench-$name" loglevel=1 printChanges=0 dumpData=0 maxlogdirs=2 \
      contacts/backend=file contacts/database="file://$dir/contacts" contacts/databaseFormat=text/vcard contacts/uri=card contacts/sync=two-way \
      "$name@$name" contacts >/dev/null 2>&1 )
}
# se_sync NAME MODE: one sync of the phone's contacts; the client's summary goes to $BENCH_ROOT/last-sync.txt.
se_sync() {
  ( client_env; syncevolution --daemon=no --sync "$2" "$1@$1" contacts > "$BENCH_ROOT/last-sync.txt" 2>&1 ) || {
    echo "sync $1 $2 failed:" >&2; tail -25 "$BENCH_ROOT/last-sync.txt" >&2; return 1; }
}
# last_status KEY: a value from status.ini of the newest client session (mode, stats; see docs/interop-harness.md)
last_status() {
  local d; d=$(ls -dt "$BENCH_ROOT"/client/cache/syncevolution/*/ 2>/dev/null | head -1)
  sed -n "s/^$1 = //p" "$d/status.ini" 2>/dev/null
}
client_forget() { rm -rf "$BENCH_ROOT/client"; }

# --- measured sync: prints "cpu_ms wall_ms" of the server process tree(s) ---------------------------------
# measure_sync NAME MODE PID... -> "cpu_ms wall_ms extra_ms busy_ms msg_ms thread_ms"
#   extra_ms: CPU of $EXTRA_PIDS (the reference server's dbus-daemon), measured apart
#   busy_ms:  with $SERVER_LOG (Coffer's console log), the sum of ASP.NET Core's "Request finished ... N ms" of the
#             sync: the server's own wall time, without the client's (SyncEvolution scanning 100,000 files)
#   msg_ms:   with $METRICS_URL (Coffer's /metrics), the growth of coffer_sync_message_cpu_seconds_total: process CPU
#             (getrusage, µs resolution) consumed while the sync's messages were processed; -1 when not measured
#   thread_ms: likewise coffer_sync_message_thread_cpu_seconds_total: the CPU of the threads that processed the messages,
#             while they did (without background JIT, timers); -1 when not measured
# message_cpu_s: "process thread" seconds, both counters from one scrape of /metrics
message_cpu_s() {
  curl -sf "$METRICS_URL" | awk '/^coffer_sync_message_cpu_seconds_total[{ ]/ { p += $2 }
    /^coffer_sync_message_thread_cpu_seconds_total[{ ]/ { t += $2 } END { printf "%.6f %.6f", p, t }'
}
measure_sync() {
  local name=$1 mode=$2; shift 2
  local c0 c1 t0 t1 e0 e1 l0=0 busy=-1 m0 m1 msg=-1 h0 h1 thr=-1
  [ -n "${SERVER_LOG:-}" ] && l0=$(wc -l < "$SERVER_LOG")
  [ -n "${METRICS_URL:-}" ] && read -r m0 h0 <<< "$(message_cpu_s)"
  e0=$(cpu_ticks ${EXTRA_PIDS:-}); c0=$(cpu_ticks "$@"); t0=$(now_ms)
  se_sync "$name" "$mode"
  t1=$(now_ms)
  sleep "${SETTLE:-1}"   # let the reference server's per-session helper exit and be reaped
  c1=$(cpu_ticks "$@"); e1=$(cpu_ticks ${EXTRA_PIDS:-})
  if [ -n "${METRICS_URL:-}" ]; then
    read -r m1 h1 <<< "$(message_cpu_s)"
    read -r msg thr <<< "$(awk -v a="$m0" -v b="$m1" -v c="$h0" -v d="$h1" 'BEGIN { printf "%.1f %.1f", (b - a) * 1000, (d - c) * 1000 }')"
  fi
  if [ -n "${SERVER_LOG:-}" ]; then
    busy=$(tail -n +"$((l0 + 1))" "$SERVER_LOG" | grep -o 'Request finished HTTP/[0-9.]* POST .* [0-9.]*ms$' | sed -E 's/.* ([0-9.]+)ms$/\1/' | awk '{ s += $1 } END { printf "%d", s }')
  fi
  echo "$(( (c1 - c0) * 1000 / HZ )) $((t1 - t0)) $(( (e1 - e0) * 1000 / HZ )) $busy $msg $thr"
}

# --- Coffer server ------------------------------------------------------------------------------------------
# COFFER_STORAGE=postgres: the server and the CLI use the database of a private PostgreSQL cluster (pg_start) instead
# of coffer.db in the data directory.
COFFER_PID=
coffer_store_args() { # the CLI options selecting the store (none for SQLite)
  [ "${COFFER_STORAGE:-sqlite}" = postgres ] && printf '%s\n' --provider postgres --connection "$PG_CONN" || true
}
coffer_init() { # coffer_init DATADIR : fresh data directory (and, on PostgreSQL, a fresh cluster) with the bench user and a warm-up user
  rm -rf "$1"; mkdir -p "$1"
  [ "${COFFER_STORAGE:-sqlite}" = postgres ] && pg_start "${PG_PORT:-$((PORT + 2))}"
  local store=(); mapfile -t store < <(coffer_store_args)
  echo "$USER_PASS" | dotnet "$CLI_DLL" user add "$USER_NAME" --password-stdin --data "$1" "${store[@]}" >/dev/null
  echo "$USER_PASS" | dotnet "$CLI_DLL" user add warm --password-stdin --data "$1" "${store[@]}" >/dev/null
}
coffer_start() { # coffer_start DATADIR PORT   ($COFFER_ENV: extra environment, e.g. DOTNET_TieredCompilation=0)
  local store=()
  [ "${COFFER_STORAGE:-sqlite}" = postgres ] && store=(--Coffer:Storage:Provider=postgres "--Coffer:Storage:ConnectionString=$PG_CONN")
  env ${COFFER_ENV:-} setsid dotnet "$SERVER_DLL" --data "$1" --urls "http://127.0.0.1:$2" "${store[@]}" > "$1.log" 2>&1 < /dev/null &
  COFFER_PID=$!
  local _
  # A server that died (port taken) must not pass for started when something else answers on that port.
  for _ in $(seq 300); do
    kill -0 "$COFFER_PID" 2>/dev/null || break
    if curl -sf "http://127.0.0.1:$2/healthz" >/dev/null 2>&1; then
      log "Coffer started: $(( $(cpu_ticks "$COFFER_PID") * 1000 / HZ )) ms CPU up to its first /healthz answer"; return 0
    fi
    sleep 0.2
  done
  echo "Coffer did not start:" >&2; tail "$1.log" >&2; return 1
}
coffer_stop() { [ -n "$COFFER_PID" ] && kill "$COFFER_PID" 2>/dev/null && wait "$COFFER_PID" 2>/dev/null || true; COFFER_PID=; }

# --- PostgreSQL: a private cluster under $BENCH_ROOT/pg (initdb + pg_ctl, no system service), default settings -------
PG_PID= PG_CONN= PG_AS=()
pg_bin() { # the directory of initdb/pg_ctl: PATH, else Debian's newest /usr/lib/postgresql/N/bin
  local d; d=$(dirname "$(readlink -f "$(command -v initdb 2>/dev/null)")" 2>/dev/null)
  [ -n "$d" ] && [ "$d" != . ] && { echo "$d"; return; }
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}
pg_start() { # pg_start PORT : a fresh cluster with database "coffer"; sets PG_CONN and PG_PID (the postmaster)
  local port=$1 dir=$BENCH_ROOT/pg bin u
  dpkg -s postgresql >/dev/null 2>&1 || { log "apt-get install postgresql"; DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null; }
  bin=$(pg_bin); pg_stop; rm -rf "$dir"; mkdir -p "$dir"
  PG_AS=()
  if [ "$(id -u)" = 0 ]; then  # PostgreSQL refuses to run as root
    id -u postgres >/dev/null 2>&1 && u=postgres || u=nobody
    chown "$u" "$dir"; PG_AS=(runuser -u "$u" --)
  fi
  "${PG_AS[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
  local extra=; [ "${PG_STATEMENTS:-0}" = 1 ] && extra="-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all -c pg_stat_statements.track_planning=on"
  "${PG_AS[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -o "-p $port -k $dir -c listen_addresses=127.0.0.1 $extra" start >/dev/null
  "$bin/createdb" -h "$dir" -p "$port" -U postgres coffer
  [ "${PG_STATEMENTS:-0}" = 1 ] && "$bin/psql" -q -h "$dir" -p "$port" -U postgres -d coffer -c "CREATE EXTENSION pg_stat_statements" >/dev/null
  PG_PID=$(head -1 "$dir/data/postmaster.pid")
  PG_CONN="Host=$dir;Port=$port;Username=postgres;Database=coffer"
}
pg_stop() {
  # PG_STATEMENTS=1: the statements by total time, kept in $BENCH_ROOT/pg-statements.txt
  [ "${PG_STATEMENTS:-0}" = 1 ] && [ -f "$BENCH_ROOT/pg/data/postmaster.pid" ] && "$(pg_bin)/psql" -h "$BENCH_ROOT/pg" -p "$(sed -n 4p "$BENCH_ROOT/pg/data/postmaster.pid")" -U postgres -d coffer -c \
    "SELECT calls, round(total_exec_time) AS exec_ms, round(total_plan_time) AS plan_ms, rows, left(query, 150) AS query FROM pg_stat_statements ORDER BY total_exec_time + total_plan_time DESC LIMIT 25" > "$BENCH_ROOT/pg-statements.txt" 2>&1
  [ -f "$BENCH_ROOT/pg/data/postmaster.pid" ] && "${PG_AS[@]}" "$(pg_bin)/pg_ctl" -D "$BENCH_ROOT/pg/data" -m fast -w stop >/dev/null 2>&1 || true
  PG_PID=
}

# --- reference server (syncevo-http-server + syncevo-dbus-server on a private D-Bus) --------------------------
REF_PIDS=() REF_DBUS_PID=
ref_env() {
  local S=$BENCH_ROOT/ref
  export HOME=$S/home XDG_CONFIG_HOME=$S/config XDG_DATA_HOME=$S/data XDG_CACHE_HOME=$S/cache XDG_RUNTIME_DIR=$S/run
  export DBUS_SESSION_BUS_ADDRESS=unix:path=$S/run/bus
  unset LD_PRELOAD http_proxy https_proxy HTTP_PROXY HTTPS_PROXY
}
ref_start() { # ref_start PORT : fresh server state, one user database
  local port=$1 S=$BENCH_ROOT/ref _
  rm -rf "$S"; mkdir -p "$S"/{home,config,data,cache,run,logs}; chmod 700 "$S/run"
  ( ref_env; dbus-daemon --session --fork --print-pid=1 --address="$DBUS_SESSION_BUS_ADDRESS" > "$S/logs/dbus-daemon.pid" )
  REF_DBUS_PID=$(cat "$S/logs/dbus-daemon.pid")
  ( ref_env; exec setsid /usr/libexec/syncevo-dbus-server --duration=unlimited --verbosity=1 --stdout --no-syslog > "$S/logs/dbus-server.log" 2>&1 < /dev/null ) &
  local dbus_server=$!
  for _ in $(seq 100); do ( ref_env; dbus-send --session --dest=org.freedesktop.DBus --print-reply / org.freedesktop.DBus.ListNames 2>/dev/null ) | grep -q org.syncevolution && break; sleep 0.2; done
  ( ref_env; SE_LISTEN_PORT=$port exec setsid "$BENCH_ROOT/syncevo-http-server-loopback" "http://127.0.0.1:$port/syncevolution" > "$S/logs/http-server.log" 2>&1 < /dev/null ) &
  local http=$!
  for _ in $(seq 100); do ss -ltn | grep -q "127.0.0.1:$port " && break; sleep 0.2; done
  REF_PIDS=("$http" "$dbus_server")
}
ref_peer() { # ref_peer NAME [USER] : accept phone NAME (deviceId bench-NAME) of USER (default: the bench user)
  local user=${2:-$USER_NAME}; local D=$BENCH_ROOT/ref/db-$user
  ( ref_env
    syncevolution --daemon=no --configure --template none keyring=no PeerIsClient=1 \
      username="$user" password="$USER_PASS" remoteDeviceId="bench-$1" loglevel=1 printChanges=0 dumpData=0 maxlogdirs=2 \
      card/backend=file card/database="file://$D/card" card/databaseFormat=text/vcard card/sync=two-way \
      "$1@u-$user" card >/dev/null 2>&1 )
}
ref_stop() {
  local p
  for p in "${REF_PIDS[@]}" $REF_DBUS_PID; do kill "$p" 2>/dev/null || true; done
  for p in "${REF_PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  REF_PIDS=() REF_DBUS_PID=
}

# warm_up URL: a slow sync of WARM (2000) cards of another user's phone, a refresh-from-server of them into a
# second phone and WARM_TWOWAY (10) two-way syncs of 15 changes, so a server is measured warm (JIT tiering, caches, imports) as a
# long-running server is; the bench user's data is untouched. (Reference server: peers w and w2 of user "warm".)
warm_up() {
  rm -rf "$BENCH_ROOT/phones/w" "$BENCH_ROOT/phones/w2"; python3 "$BENCH_DIR/cards.py" phone "${WARM:-2000}" "$BENCH_ROOT/phones/w/contacts"
  MAXMSG=${WARM_MSG:-20000} mkphone w "$1" "$BENCH_ROOT/phones/w" warm; MAXMSG=${WARM_MSG:-20000} mkphone w2 "$1" "$BENCH_ROOT/phones/w2" warm
  se_sync w slow; se_sync w2 refresh-from-server
  # WARM_TWOWAY two-way syncs of 15 changes: the two-way paths run past the tier-up count too (bench-b measures them).
  local r
  for r in $(seq "${WARM_TWOWAY:-10}"); do
    python3 "$BENCH_DIR/cards.py" change "$r" "$BENCH_ROOT/phones/w/contacts" "${WARM:-2000}"; sleep 1; se_sync w two-way
  done
}

# stored_bytes DATADIR PHONEDIR USER -> "cards raw_bytes payload_bytes content_bytes db_bytes user_db_bytes": the phone's
# vCard files (bytes as the phone keeps them), the user's stored item payloads (header, compression, nonce and tag
# included) and the content they hold, the database files (coffer.db, -wal; every user's) after a checkpoint, and the
# database of this user alone (a copy with every other user and every session, which expire, deleted, cascading, then
# VACUUMed). The copy's bytes per table and index (dbstat) go to DATADIR/../user-db-tables.txt.
stored_bytes() {
  local cards raw copy
  cards=$(ls "$2" | wc -l); raw=$(cat "$2"/* | wc -c)
  sqlite3 "$1/coffer.db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
  local sums; sums=$(sqlite3 -separator ' ' "$1/coffer.db" "SELECT SUM(length(v.payload)), SUM(v.size) FROM item_versions v JOIN items i ON i.id = v.item_id JOIN datastores d ON d.id = i.datastore_id JOIN users u ON u.id = d.user_id WHERE u.name = '$3' AND v.payload IS NOT NULL")
  copy=$(mktemp -d); cp "$1/coffer.db" "$copy/one.db"
  sqlite3 "$copy/one.db" "PRAGMA foreign_keys = ON; DELETE FROM users WHERE name <> '$3'; DELETE FROM sessions; VACUUM;" >/dev/null
  sqlite3 -separator ' ' "$copy/one.db" "SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC" > "$1/../user-db-tables.txt"
  echo "$cards $raw $sums $(cat "$1"/coffer.db "$1"/coffer.db-wal 2>/dev/null | wc -c) $(wc -c < "$copy/one.db")"
  rm -rf "$copy"
}

machine_info() {
  echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB RAM, $(uname -sr)"
  echo "software: $(dotnet --version 2>/dev/null | sed 's/^/.NET SDK /'), $(syncevolution --version 2>/dev/null | head -1), git $(git -C "$REPO" rev-parse --short HEAD)"
}
