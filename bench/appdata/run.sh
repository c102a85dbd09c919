#!/usr/bin/env bash
# An app's SQLite database backed up by coffer-agent (bench/README.md, "App data"): a ~200 MiB database is backed
# up whole, 1 % of its rows are changed, and the change is sent three ways in the same run: Coffer's change set
# (coffer-agent backup; the server applies it to its copy), rdiff (signature of the old file + delta of the new one
# + patch) and a full upload (coffer-agent backup of the changed file to another account); then a restore of the
# file (one download). Wall time and CPU of each process (/usr/bin/time) and of the server (/proc/PID/stat).
# Then the same for a binary file that is not a database (FILE_MIB MiB of random bytes, ~1 % changed by inserts and
# overwrites spread over it): Coffer's file delta (content-defined chunks) against rdiff and a full upload.
#   bench/appdata/run.sh [ROWS]     default 200000 (~200 MiB); PORT (18874), APPDATA_ROOT (/tmp/coffer-appdata-bench), SKIP_BUILD=1,
#                                   PARTS ("sqlite file": either or both), FILE_MIB (200)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${1:-200000}
PARTS=${PARTS:-sqlite file}
FILE_MIB=${FILE_MIB:-200}
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
for u in bench other fbench fother; do echo pw | dotnet src/Coffer.Cli/bin/Release/net10.0/coffer.dll user add $u --password-stdin --data "$ROOT/server" >/dev/null; done
dotnet src/Coffer.Server/bin/Release/net10.0/Coffer.Server.dll --urls "http://127.0.0.1:$PORT" --data "$ROOT/server" >"$ROOT/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER' EXIT
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 1; done

AGENT_DLL=src/Coffer.Agent.Cli/bin/Release/net10.0/coffer-agent.dll
agent() { dotnet "$AGENT_DLL" --config "$ROOT/$1" "${@:2}"; }
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
# rdiff_rows PREFIX OLD NEW: signature of OLD, delta of NEW, patch, as table rows.
rdiff_rows() {
  run "$1-signature" rdiff signature "$2" "$ROOT/rdiff/$1.sig"
  local w1=$WALL c1=$CPU
  run "$1-delta" rdiff delta "$ROOT/rdiff/$1.sig" "$3" "$ROOT/rdiff/$1.delta"
  local w2=$WALL c2=$CPU
  run "$1-patch" rdiff patch "$2" "$ROOT/rdiff/$1.delta" "$ROOT/rdiff/$1.patched"
  local w3=$WALL c3=$CPU
  echo "| rdiff: signature of the old file (travels to the device) | $(stat -c %s "$ROOT/rdiff/$1.sig") | | $w1 | $c1 | |"
  echo "| rdiff: delta of the new file (travels to the server) | $(stat -c %s "$ROOT/rdiff/$1.delta") | | $w2 | $c2 | |"
  echo "| rdiff: patch (on the server) | | | $w3 | | $c3 |"
  echo "| **rdiff total** (signature + delta) | $(( $(stat -c %s "$ROOT/rdiff/$1.sig") + $(stat -c %s "$ROOT/rdiff/$1.delta") )) | | $(sum "$(sum "$w1" "$w2")" "$w3") | $(sum "$c1" "$c2") | $c3 |"
}

if [[ " $PARTS " == *" sqlite "* ]]; then
sqlite3 "$ROOT/phone/appdata/$DB" <<SQL
CREATE TABLE notes(id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT, modified REAL);
CREATE INDEX notes_title ON notes(title);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $ROWS)
  INSERT INTO notes SELECT i, 'note ' || i, hex(randomblob(480)), i * 1.5 FROM n;
SQL
echo pw | agent phone-config init --server "http://127.0.0.1:$PORT/sync" --user bench --device-id phone --data "$ROOT/phone" --datastore appdata --password-stdin >/dev/null
echo pw | agent other-config init --server "http://127.0.0.1:$PORT/sync" --user other --device-id other --data "$ROOT/other" --datastore appdata --password-stdin >/dev/null
echo pw | agent restorer-config init --server "http://127.0.0.1:$PORT/sync" --user bench --device-id restorer --data "$ROOT/restorer" --datastore appdata --password-stdin >/dev/null
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

rdiff_rows db "$ROOT/rdiff/old.db" "$ROOT/phone/appdata/$DB"

mkdir -p "$ROOT/other/appdata/$(dirname $DB)"
cp "$ROOT/phone/appdata/$DB" "$ROOT/other/appdata/$DB"
run full dotnet "$AGENT_DLL" --config "$ROOT/other-config" backup --json
echo "| **full upload** of the changed file (coffer-agent, another account) | $(sent "$ROOT/full.out") | $(received "$ROOT/full.out") | $WALL | $CPU | $SCPU |"

run restore dotnet "$AGENT_DLL" --config "$ROOT/restorer-config" restore --to "$ROOT/restored" --json
echo "| **restore** (coffer-agent restore: one download) | $(sent "$ROOT/restore.out") | $(received "$ROOT/restore.out") | $WALL | $CPU | $SCPU |"
echo
cmp <(sqlite3 "$ROOT/phone/appdata/$DB" .dump) <(sqlite3 "$ROOT/restored/appdata/$DB" .dump) >/dev/null &&
  echo "restored database dumps like the device's ($(ls -R "$ROOT/restored/appdata" | grep -c '\.db$') file restored; rdiff's patched file $(cmp -s "$ROOT/rdiff/db.patched" "$ROOT/phone/appdata/$DB" && echo equals || echo differs from) the device's byte for byte)"
fi

if [[ " $PARTS " == *" file "* ]]; then
FILE=com.example.game/files/assets.pak
mkdir -p "$ROOT/fphone/appdata/$(dirname $FILE)" "$ROOT/fother/appdata/$(dirname $FILE)"
head -c "$((FILE_MIB << 20))" /dev/urandom >"$ROOT/fphone/appdata/$FILE"
echo pw | agent fphone-config init --server "http://127.0.0.1:$PORT/sync" --user fbench --device-id fphone --data "$ROOT/fphone" --datastore appdata --password-stdin >/dev/null
echo pw | agent fother-config init --server "http://127.0.0.1:$PORT/sync" --user fother --device-id fother --data "$ROOT/fother" --datastore appdata --password-stdin >/dev/null
echo pw | agent frestorer-config init --server "http://127.0.0.1:$PORT/sync" --user fbench --device-id frestorer --data "$ROOT/frestorer" --datastore appdata --password-stdin >/dev/null
echo
echo "file (not a database): $(stat -c %s "$ROOT/fphone/appdata/$FILE") random bytes"
echo
echo "| step | bytes sent | bytes received | wall s | client CPU s | server CPU s |"
echo "|---|---:|---:|---:|---:|---:|"
run file-first-backup dotnet "$AGENT_DLL" --config "$ROOT/fphone-config" backup --json
echo "| first backup (whole file, coffer-agent) | $(sent "$ROOT/file-first-backup.out") | $(received "$ROOT/file-first-backup.out") | $WALL | $CPU | $SCPU |"
cp "$ROOT/fphone/appdata/$FILE" "$ROOT/rdiff/old.pak"
# ~1 %: 50 inserts and 50 overwrites of 20 KiB each, evenly spread (from the end, so the offsets stay those of the old file).
python3 - "$ROOT/fphone/appdata/$FILE" <<'PY'
import os, sys
path = sys.argv[1]
data = bytearray(open(path, 'rb').read())
edits = 100
for i in reversed(range(edits)):
    at = (i * 2 + 1) * len(data) // (edits * 2)
    new = os.urandom(20 * 1024)
    if i % 2 == 0:
        data[at:at] = new
    else:
        data[at:at + len(new)] = new
open(path, 'wb').write(data)
print(f"changed: 50 inserts and 50 overwrites of 20 KiB, {len(data)} bytes now")
PY
run file-delta dotnet "$AGENT_DLL" --config "$ROOT/fphone-config" backup --json
DELTA_BYTES=$(python3 -c "import json;print([f for f in json.load(open('$ROOT/fphone-config/state/appdata.files.json'))['files'] if f['path']=='$FILE'][0]['lastBytes'])")
echo "| **Coffer file delta** (coffer-agent backup; the server applies it; the delta itself $DELTA_BYTES bytes) | $(sent "$ROOT/file-delta.out") | $(received "$ROOT/file-delta.out") | $WALL | $CPU | $SCPU |"
rdiff_rows pak "$ROOT/rdiff/old.pak" "$ROOT/fphone/appdata/$FILE"
cp "$ROOT/fphone/appdata/$FILE" "$ROOT/fother/appdata/$FILE"
run file-full dotnet "$AGENT_DLL" --config "$ROOT/fother-config" backup --json
echo "| **full upload** of the changed file (coffer-agent, another account) | $(sent "$ROOT/file-full.out") | $(received "$ROOT/file-full.out") | $WALL | $CPU | $SCPU |"
run file-restore dotnet "$AGENT_DLL" --config "$ROOT/frestorer-config" restore --to "$ROOT/frestored" --json
echo "| **restore** (coffer-agent restore: one download) | $(sent "$ROOT/file-restore.out") | $(received "$ROOT/file-restore.out") | $WALL | $CPU | $SCPU |"
echo
echo "restored file $(cmp -s "$ROOT/frestored/appdata/$FILE" "$ROOT/fphone/appdata/$FILE" && echo equals || echo DIFFERS from) the device's byte for byte; rdiff's patched file $(cmp -s "$ROOT/rdiff/pak.patched" "$ROOT/fphone/appdata/$FILE" && echo equals || echo differs from) it"
fi
