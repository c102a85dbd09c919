#!/usr/bin/env bash
# Cluster bench (bench/README.md, "Cluster: CPU per session, one node and two"; docs/capacity.md): a private
# PostgreSQL primary with a synchronous streaming standby on loopback, N Coffer nodes each pinned to its own core
# (taskset), haproxy round robin in front, and the load generator's simulated phones through haproxy. Prints the CPU
# seconds the nodes and the database spent per session, then kills the primary, promotes the standby and times the
# first successful sync after the primary's death.
#   bench/cluster/run.sh [NODES...]      default: 1 2
# Environment: PHONES (100), CONTACTS (100), ROUNDS (5), CHANGES (2,1,1), BASE_PORT (19400), SKIP_BUILD=1,
# PATRONI=1: the pair run by Patroni with etcd, and the failover left to Patroni (no manual promote).
# Runs as root (PostgreSQL runs as the postgres user) or as a user who may run initdb.
set -euo pipefail
cd "$(dirname "$0")/../.."
NODES=("$@"); [ ${#NODES[@]} -gt 0 ] || NODES=(1 2)
PHONES=${PHONES:-100}; CONTACTS=${CONTACTS:-100}; ROUNDS=${ROUNDS:-5}; CHANGES=${CHANGES:-2,1,1}
BASE=${BASE_PORT:-19400}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
SERVER_DLL=$PWD/src/Coffer.Server/bin/Release/net10.0/Coffer.Server.dll
BENCH_DLL=$PWD/bench/load/Coffer.LoadBench/bin/Release/net10.0/coffer-loadbench.dll
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  dotnet build src/Coffer.Server/Coffer.Server.csproj -c Release -nologo -v q >/dev/null
  dotnet build bench/load/Coffer.LoadBench/Coffer.LoadBench.csproj -c Release -nologo -v q >/dev/null
fi
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
# Patroni as the postgres user under root, through setpriv (which keeps the process id, for the kill below).
PG_EXEC=(); [ "$(id -u)" = 0 ] && PG_EXEC=(setpriv --reuid=postgres --regid=postgres --init-groups --)
# utime+stime of the given pids, in seconds
cpu_of() { local t=0 p; for p in "$@"; do [ -r /proc/$p/stat ] && t=$((t + $(awk '{print $14+$15}' /proc/$p/stat))); done; echo "scale=2; $t / $(getconf CLK_TCK)" | bc; }
pg_pids() { local pm; pm=$(head -1 "$1/postmaster.pid"); echo "$pm $(ps -o pid= --ppid "$pm" | tr '\n' ' ')"; }

# Whatever this run started is stopped when it ends, whichever way: a failed load run, a failed command under set -e,
# Ctrl-C. Only the processes it started, by their ids, and its own PostgreSQL data directories.
root=""; hap=""; pids=(); promoting=""; patroni_primary=""; patroni_standby=""; etcd_pid=""
cleanup() {
  local p
  for p in "$promoting" "$hap" "${pids[@]}" "$patroni_primary" "$patroni_standby" "$etcd_pid"; do
    if [ -n "$p" ]; then kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; fi
  done
  if [ -n "$root" ] && [ -d "$root/pg" ]; then
    for p in primary standby; do
      if [ -f "$root/pg/$p/postmaster.pid" ]; then as_pg "$PGBIN/pg_ctl" -D "$root/pg/$p" -m immediate -w stop >/dev/null 2>&1 || true; fi
    done
  fi
  if [ -n "$root" ] && [ -z "${KEEP:-}" ]; then rm -rf "$root"; fi
  root=""; hap=""; pids=(); promoting=""; patroni_primary=""; patroni_standby=""; etcd_pid=""
  return 0
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A primary and its synchronous standby by hand: initdb, pg_basebackup -R, synchronous_standby_names = '*'.
start_pair() {
  as_pg "$PGBIN/initdb" -D "$root/pg/primary" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
  cat >>"$root/pg/primary/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $pport
unix_socket_directories = '$root/pg'
wal_level = replica
max_wal_senders = 4
max_connections = 200
CONF
  echo "host replication postgres 127.0.0.1/32 trust" >>"$root/pg/primary/pg_hba.conf"
  as_pg "$PGBIN/pg_ctl" -D "$root/pg/primary" -l "$root/pg/primary.log" -w start >/dev/null
  as_pg "$PGBIN/pg_basebackup" -D "$root/pg/standby" -h 127.0.0.1 -p "$pport" -U postgres -R -X stream
  sed -i "s/^port = $pport/port = $sport/" "$root/pg/standby/postgresql.conf"
  as_pg "$PGBIN/pg_ctl" -D "$root/pg/standby" -l "$root/pg/standby.log" -w start >/dev/null
  as_pg "$PGBIN/psql" -h "$root/pg" -p "$pport" -U postgres -qc "ALTER SYSTEM SET synchronous_standby_names = '*'" -c "SELECT pg_reload_conf()" >/dev/null
}

# The same pair run by Patroni (docs/operations.md, "Patroni and etcd"): a single-member etcd and two Patroni members
# in synchronous_mode, with the test's short times (leader lock 6 s, loop every second).
start_patroni() {
  local eport=$((BASE + 3)) epeer=$((BASE + 4)) m p a
  etcd --name bench --data-dir "$root/etcd" --listen-client-urls "http://127.0.0.1:$eport" --advertise-client-urls "http://127.0.0.1:$eport" \
    --listen-peer-urls "http://127.0.0.1:$epeer" --initial-advertise-peer-urls "http://127.0.0.1:$epeer" \
    --initial-cluster "bench=http://127.0.0.1:$epeer" --initial-cluster-state new >"$root/etcd.log" 2>&1 & etcd_pid=$!
  for m in primary standby; do
    if [ $m = primary ]; then p=$pport; a=$((BASE + 5)); else p=$sport; a=$((BASE + 6)); fi
    cat >"$root/pg/$m.yml" <<YML
scope: bench
namespace: /service/
name: $m
restapi: {listen: '127.0.0.1:$a', connect_address: '127.0.0.1:$a'}
etcd3: {hosts: '127.0.0.1:$eport'}
bootstrap:
  dcs:
    ttl: 6
    loop_wait: 1
    retry_timeout: 2
    synchronous_mode: true
    postgresql: {parameters: {max_connections: 200, max_wal_senders: 4}}
  initdb: [{encoding: UTF8}, no-locale, {auth: trust}]
  pg_hba: [local all all trust, host replication postgres 127.0.0.1/32 trust, host all all 127.0.0.1/32 trust]
postgresql:
  listen: '127.0.0.1:$p'
  connect_address: '127.0.0.1:$p'
  data_dir: $root/pg/$m
  bin_dir: $PGBIN
  pgpass: $root/pg/$m.pgpass
  authentication: {superuser: {username: postgres}, replication: {username: postgres}}
  parameters: {unix_socket_directories: '$root/pg'}
YML
    "${PG_EXEC[@]}" patroni "$root/pg/$m.yml" >"$root/pg/$m.log" 2>&1 &
    if [ $m = primary ]; then patroni_primary=$!; else patroni_standby=$!; fi
    # The primary first (it runs initdb), then the standby until Patroni names it synchronous.
    local check=/primary; [ $m = standby ] && check=/sync
    for _ in $(seq 1 600); do curl -fs "http://127.0.0.1:$a$check" >/dev/null && break; sleep 0.2; done
  done
}

echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD), $(nproc) CPUs, $(uname -r), PostgreSQL $($PGBIN/postgres --version | awk '{print $3}')"
echo "$PHONES phones x (1 slow sync of $CONTACTS contacts + $ROUNDS two-way syncs of $CHANGES), through haproxy"
printf '\n| nodes | sessions | wall s | node CPU s | node CPU ms/session | PostgreSQL CPU s | PostgreSQL CPU ms/session | commits/session | WAL KiB/session | sessions/s | death → first sync s |\n|---|---|---|---|---|---|---|---|---|---|---|\n'
for n in "${NODES[@]}"; do
  root=$(mktemp -d /tmp/coffer-clusterbench-XXXX); chmod 755 "$root"
  mkdir "$root/pg"; chown postgres "$root/pg" 2>/dev/null || true
  pport=$BASE; sport=$((BASE + 1)); hport=$((BASE + 2))
  if [ "${PATRONI:-0}" = 1 ]; then start_patroni; else start_pair; fi
  as_pg "$PGBIN/psql" -h "$root/pg" -p "$pport" -U postgres -qc "CREATE DATABASE coffer" >/dev/null
  conn="Host=127.0.0.1:$pport,127.0.0.1:$sport;Database=coffer;Username=postgres;Target Session Attributes=read-write;Host Recheck Seconds=1;Maximum Pool Size=50"

  servers=""
  for i in $(seq 1 "$n"); do
    port=$((BASE + 10 + i)); data="$root/node$i"; mkdir -p "$data"
    [ "$i" -gt 1 ] && cp "$root/node1/master.key" "$data/"
    Coffer__Storage__Provider=postgres Coffer__Storage__ConnectionString="$conn" Coffer__Node__Name="node$i" \
      taskset -c $(( (i - 1) % $(nproc) )) dotnet "$SERVER_DLL" --urls "http://127.0.0.1:$port" --data "$data" >"$root/node$i.log" 2>&1 &
    pids+=($!)
    for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
    servers+="    server node$i 127.0.0.1:$port"$'\n'
  done
  cat >"$root/haproxy.cfg" <<CFG
global
    maxconn 4096
defaults
    mode http
    timeout connect 5s
    timeout client 300s
    timeout server 300s
    option http-server-close
frontend sync
    bind 127.0.0.1:$hport
    default_backend nodes
backend nodes
    balance roundrobin
$servers
CFG
  haproxy -db -f "$root/haproxy.cfg" >"$root/haproxy.log" 2>&1 & hap=$!
  sleep 0.5

  # Warm-up: every node compiles its sync path (JIT) on a few phones of their own before anything is counted.
  dotnet "$BENCH_DLL" --phones $((10 * n)) --contacts 50 --rounds 2 --url "http://127.0.0.1:$hport/" --provider postgres \
    --connection "$conn" --data "$root/node1" --user-prefix warm >"$root/warmup.txt" 2>&1 || { echo "warm-up failed: $root/warmup.txt"; }
  read -r wal0 commits0 < <(as_pg "$PGBIN/psql" -h "$root/pg" -p "$pport" -U postgres -d coffer -Atc \
    "SELECT pg_current_wal_lsn() - '0/0', xact_commit FROM pg_stat_database WHERE datname = 'coffer'" | tr '|' ' ')
  node0=$(cpu_of "${pids[@]}"); pg0=$(cpu_of $(pg_pids "$root/pg/primary") $(pg_pids "$root/pg/standby")); t0=$(date +%s.%N)
  dotnet "$BENCH_DLL" --phones "$PHONES" --contacts "$CONTACTS" --rounds "$ROUNDS" --changes "$CHANGES" --duration 1200 \
    --url "http://127.0.0.1:$hport/" --provider postgres --connection "$conn" --data "$root/node1" >"$root/load.txt" 2>&1 || { echo "load run failed: $root/load.txt"; tail -20 "$root/load.txt"; KEEP=1; exit 1; }
  t1=$(date +%s.%N)
  node1=$(cpu_of "${pids[@]}"); pg1=$(cpu_of $(pg_pids "$root/pg/primary") $(pg_pids "$root/pg/standby"))
  as_pg "$PGBIN/psql" -h "$root/pg" -p "$pport" -U postgres -d coffer -qc "VACUUM ANALYZE" >/dev/null
  read -r dbsize items versions < <(as_pg "$PGBIN/psql" -h "$root/pg" -p "$pport" -U postgres -d coffer -Atc \
    "SELECT pg_database_size('coffer') - pg_database_size('postgres'), (SELECT count(*) FROM items), (SELECT count(*) FROM item_versions)" | tr '|' ' ')
  echo "  database: $((dbsize / 1024 / 1024)) MiB for $items items ($versions versions): $((dbsize / items)) bytes per item (tables, indexes, history; an empty database subtracted)" >&2
  read -r wal1 commits1 < <(as_pg "$PGBIN/psql" -h "$root/pg" -p "$pport" -U postgres -d coffer -Atc \
    "SELECT pg_current_wal_lsn() - '0/0', xact_commit FROM pg_stat_database WHERE datname = 'coffer'" | tr '|' ' ')
  sessions=$(awk -F'|' '$2 ~ /slow sync|two-way/ {gsub(/[ ,]/, "", $4); s += $4} END {print s + 0}' "$root/load.txt")
  [ -n "$sessions" ] && [ "$sessions" -gt 0 ] || sessions=$((PHONES * (ROUNDS + 1)))

  # Failover: the primary dies (immediate shutdown, as a crash), the standby is promoted 2 s later; one phone of its own
  # account tries a slow sync every half second until one completes.
  as_pg "$PGBIN/psql" -h "$root/pg" -p "$sport" -U postgres -qc "SELECT 1" >/dev/null
  td=$(date +%s.%N)
  if [ "${PATRONI:-0}" = 1 ]; then
    # The primary's host dies: its Patroni killed, its PostgreSQL stopped at once; Patroni promotes the standby.
    kill -9 "$patroni_primary"; wait "$patroni_primary" 2>/dev/null || true; patroni_primary=""
    as_pg "$PGBIN/pg_ctl" -D "$root/pg/primary" -m immediate -w stop >/dev/null
    ( for _ in $(seq 1 600); do curl -fs "http://127.0.0.1:$((BASE + 6))/primary" >/dev/null && break; sleep 0.1; done
      date +%s.%N >"$root/promoted" ) &
    promoting=$!
  else
    as_pg "$PGBIN/pg_ctl" -D "$root/pg/primary" -m immediate -w stop >/dev/null
    ( sleep 2; as_pg "$PGBIN/pg_ctl" -D "$root/pg/standby" -w promote >/dev/null; \
      as_pg "$PGBIN/psql" -h "$root/pg" -p "$sport" -U postgres -qc "ALTER SYSTEM SET synchronous_standby_names = ''" -c "SELECT pg_reload_conf()" >/dev/null ) &
    promoting=$!
  fi
  while ! dotnet "$BENCH_DLL" --phones 1 --contacts 5 --rounds 0 --url "http://127.0.0.1:$hport/" --provider postgres --connection "$conn" \
      --data "$root/node1" --user-prefix probe >>"$root/failover.txt" 2>&1; do sleep 0.5; done
  tf=$(date +%s.%N)
  wait "$promoting"

  printf '| %s | %s | %.0f | %s | %.1f | %s | %.1f | %.1f | %.1f | %.1f | %.1f |\n' "$n" "$sessions" "$(echo "$t1 - $t0" | bc)" \
    "$(echo "$node1 - $node0" | bc)" "$(echo "($node1 - $node0) * 1000 / $sessions" | bc -l)" \
    "$(echo "$pg1 - $pg0" | bc)" "$(echo "($pg1 - $pg0) * 1000 / $sessions" | bc -l)" \
    "$(echo "($commits1 - $commits0) / $sessions" | bc -l)" "$(echo "($wal1 - $wal0) / 1024 / $sessions" | bc -l)" \
    "$(echo "$sessions / ($t1 - $t0)" | bc -l)" "$(echo "$tf - $td" | bc)"
  promoting=""
  kill "$hap" "${pids[@]}" 2>/dev/null || true; wait "$hap" "${pids[@]}" 2>/dev/null || true
  hap=""; pids=()
  if [ "${PATRONI:-0}" = 1 ]; then
    echo "  Patroni promoted the standby $(echo "$(cat "$root/promoted") - $td" | bc) s after the primary's death" >&2
    kill "$patroni_standby" "$etcd_pid"; wait "$patroni_standby" "$etcd_pid" 2>/dev/null || true
  fi
  as_pg "$PGBIN/pg_ctl" -D "$root/pg/standby" -m fast -w stop >/dev/null 2>&1 || true
  grep -h "store check" "$root/load.txt" | sed 's/^/  /' >&2 || true
  cleanup
done
