#!/usr/bin/env bash
# An app's SQLite database backed up by coffer-agent (bench/README.md, "App data"): a ~200 MiB database is backed
# up whole, 1 % of its rows are changed, and the change is sent three ways in the same run: Coffer's change set
# (coffer-agent backup; the server applies it to its copy), rdiff (signature of the old file + delta of the new one
# + patch) and a full upload (coffer-agent backup of the changed file to another account); then a restore of the
# file (one download). Wall time and CPU of each process (/usr/bin/time) and of the server (/proc/PID/stat).
#   bench/appdata/run.sh [ROWS]     default 200000 (~200 MiB); PORT (18874), APPDATA_ROOT (/tmp/coffer-appdata-bench), SKIP_BUILD=1
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${1:-200000}
ROOT=${APPDATA_ROOT:-/tmp/coffer-appdata-bench}/run-$(date +%s)
PORT=${PORT:-18874}
need=()
for p in rdiff sqlite3 curl; do command -v "$p" >/dev/null || need+=("$p"); done
if [ ${#need[@]} -gt 0 ]; then
  SUDO=; [ "$(id -u)" != 0 ] && SUDO=sudo
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${need[@]}" >/dev/null 2>&1 ||
    { $SUDO apt-get update -q >/dev/null 2>&1; DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${need[@]}" >/dev/null; }
fi
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  for p in src/Coffer.Server/Coffer.Server.csproj src/Coffer.Cli/Coffer.Cli.csproj src/Coffer.Agent.Cli/Coffer.Agent.Cli.csproj; do
    dotnet build "$p" -c Release -nologo -v q >/dev/null
  done
fi
DB=com.example.notes/databases/notes.db
mkdir -p "$ROOT/phone/appdata/$(dirname $DB)" "$ROOT/rdiff"
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD), $(nproc) CPUs, $(free -g | awk '/^Mem:/ {print $2 " GiB total, " $7 " GiB available"}'), $(uname -r), dotnet $(dotnet --version), load $(cut -d' ' -f1-3 /proc/loadavg)"
for u in bench other; do echo pw | dotnet src/Coffer.Cli/bin/Release/net10.0/coffer.dll user add $u --password-stdin --data "$ROOT/server" >/dev/null; done
dotnet src/Coffer.Server/bin/Release/net10.0/Coffer.Server.dll --urls "http://127.0.0.1:$PORT" --data "$ROOT/server" >"$ROOT/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER' EXIT
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 1; done

sqlite3 "$ROOT/phone/appdata/$DB" <<SQL
CREATE TABLE notes(id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT, modified REAL);
CREATE INDEX notes_title ON notes(title);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $ROWS)
  INSERT INTO notes SELECT i, 'note ' || i, hex(randomblob(480)), i * 1.5 FROM n;
SQL
AGENT_DLL=src/Coffer.Agent.Cli/bin/Release/net10.0/coffer-agent.dll
agent() { dotnet "$AGENT_DLL" --config "$ROOT/$1" "${@:2}"; }
echo pw | agent phone-config init --server "http://127.0.0.1:$PORT/sync" --user bench --device-id phone --data "$ROOT/phone" --datastore appdata --password-stdin >/dev/null
echo pw | agent other-config init --server "http://127.0.0.1:$PORT/sync" --user other --device-id other --data "$ROOT/other" --datastore appdata --password-stdin >/dev/null
echo pw | agent restorer-config init --server "http://127.0.0.1:$PORT/sync" --user bench --device-id restorer --data "$ROOT/restorer" --datastore appdata --password-stdin >/dev/null
server_cpu() { awk '{printf "%.2f", ($14+$15)/100}' "/proc/$SERVER/stat"; }
sum() { awk "BEGIN { printf \"%.2f\", $1 + $2 }"; }
sent() { python3 -c "import json;print(json.load(open('$1'))['bytesSent'])"; }
received() { python3 -c "import json;print(json.load(open('$1'))['bytesReceived'])"; }
# run NAME CMD...: times CMD (one process) and the server's CPU meanwhile; leaves WALL, CPU, SCPU.
run() {
  local name=$1; shift
  local before; before=$(server_cpu)
  /usr/bin/time -o "$ROOT/$name.time" -f '%e %U %S' "$@" >"$ROOT/$name.out" 2>"$ROOT/$name.log"
  SCPU=$(awk "BEGIN { printf \"%.2f\", $(server_cpu) - $before }")
  read -r WALL user sys <"$ROOT/$name.time"
  CPU=$(sum "$user" "$sys")
}
SIZE=$(stat -c %s "$ROOT/phone/appdata/$DB")
echo "database: $ROWS rows, $SIZE bytes; 1 % of the rows changed ($((ROWS / 100)) rows: a new 960-character body)"
echo
echo "| step | bytes sent | bytes received | wall s | client CPU s | server CPU s |"
echo "|---|---:|---:|---:|---:|---:|"
run first-backup dotnet "$AGENT_DLL" --config "$ROOT/phone-config" backup --json
echo "| first backup (whole file, coffer-agent) | $(sent "$ROOT/first-backup.out") | $(received "$ROOT/first-backup.out") | $WALL | $CPU | $SCPU |"

cp "$ROOT/phone/appdata/$DB" "$ROOT/rdiff/old.db"
sqlite3 "$ROOT/phone/appdata/$DB" "UPDATE notes SET body = hex(randomblob(480)), modified = modified + 1 WHERE id % 100 = 0;"

run incremental dotnet "$AGENT_DLL" --config "$ROOT/phone-config" backup --json
echo "| **Coffer change set** (coffer-agent backup; the server applies it) | $(sent "$ROOT/incremental.out") | $(received "$ROOT/incremental.out") | $WALL | $CPU | $SCPU |"

run rdiff-signature rdiff signature "$ROOT/rdiff/old.db" "$ROOT/rdiff/old.sig"
W1=$WALL C1=$CPU
run rdiff-delta rdiff delta "$ROOT/rdiff/old.sig" "$ROOT/phone/appdata/$DB" "$ROOT/rdiff/new.delta"
W2=$WALL C2=$CPU
run rdiff-patch rdiff patch "$ROOT/rdiff/old.db" "$ROOT/rdiff/new.delta" "$ROOT/rdiff/new.db"
W3=$WALL C3=$CPU
echo "| rdiff: signature of the old file (travels to the device) | $(stat -c %s "$ROOT/rdiff/old.sig") | | $W1 | $C1 | |"
echo "| rdiff: delta of the new file (travels to the server) | $(stat -c %s "$ROOT/rdiff/new.delta") | | $W2 | $C2 | |"
echo "| rdiff: patch (on the server) | | | $W3 | | $C3 |"
echo "| **rdiff total** (signature + delta) | $(( $(stat -c %s "$ROOT/rdiff/old.sig") + $(stat -c %s "$ROOT/rdiff/new.delta") )) | | $(sum "$(sum "$W1" "$W2")" "$W3") | $(sum "$C1" "$C2") | $C3 |"

mkdir -p "$ROOT/other/appdata/$(dirname $DB)"
cp "$ROOT/phone/appdata/$DB" "$ROOT/other/appdata/$DB"
run full dotnet "$AGENT_DLL" --config "$ROOT/other-config" backup --json
echo "| **full upload** of the changed file (coffer-agent, another account) | $(sent "$ROOT/full.out") | $(received "$ROOT/full.out") | $WALL | $CPU | $SCPU |"

run restore dotnet "$AGENT_DLL" --config "$ROOT/restorer-config" restore --to "$ROOT/restored" --json
echo "| **restore** (coffer-agent restore: one download) | $(sent "$ROOT/restore.out") | $(received "$ROOT/restore.out") | $WALL | $CPU | $SCPU |"
echo
cmp <(sqlite3 "$ROOT/phone/appdata/$DB" .dump) <(sqlite3 "$ROOT/restored/appdata/$DB" .dump) >/dev/null &&
  echo "restored database dumps like the device's ($(ls -R "$ROOT/restored/appdata" | grep -c '\.db$') file restored; rdiff's patched file $(cmp -s "$ROOT/rdiff/new.db" "$ROOT/phone/appdata/$DB" && echo equals || echo differs from) the device's byte for byte)"
