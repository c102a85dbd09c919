#!/usr/bin/env bash
# coffer-agent against a server process (bench/README.md, "Device agent"): a folder of N generated vCards backed up
# (slow sync), backed up again unchanged (one-way, nothing to send), then restored into an empty directory.
# Wall time and CPU of the agent process (/usr/bin/time) and of the server (/proc/PID/stat utime+stime).
#   bench/agent/run.sh [CONTACTS]     default 1000; PORT (18873), AGENT_ROOT (/tmp/coffer-agent-bench), SKIP_BUILD=1
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-1000}
ROOT=${AGENT_ROOT:-/tmp/coffer-agent-bench}/run-$(date +%s)
PORT=${PORT:-18873}
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  for p in src/Coffer.Server/Coffer.Server.csproj src/Coffer.Cli/Coffer.Cli.csproj src/Coffer.Agent.Cli/Coffer.Agent.Cli.csproj; do
    dotnet build "$p" -c Release -nologo -v q >/dev/null
  done
fi
mkdir -p "$ROOT/data/contacts"
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD), $(nproc) CPUs, $(uname -r), dotnet $(dotnet --version), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo pw | dotnet src/Coffer.Cli/bin/Release/net10.0/coffer.dll user add bench --password-stdin --data "$ROOT/server" >/dev/null
dotnet src/Coffer.Server/bin/Release/net10.0/Coffer.Server.dll --urls "http://127.0.0.1:$PORT" --data "$ROOT/server" >"$ROOT/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER' EXIT
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 1; done
for i in $(seq 1 "$N"); do
  printf 'BEGIN:VCARD\r\nVERSION:3.0\r\nN:Person%04d;Anna;;;\r\nFN:Anna Person%04d\r\nTEL;TYPE=CELL:+49 30 %d\r\nEMAIL;TYPE=INTERNET:anna%d@example.org\r\nADR;TYPE=HOME:;;%d Main Street;Berlin;;10115;\r\nNOTE:contact number %d\r\nEND:VCARD\r\n' \
    "$i" "$i" $((1000000 + i)) "$i" "$i" "$i" >"$ROOT/data/contacts/c$i.vcf"
done
AGENT=(dotnet src/Coffer.Agent.Cli/bin/Release/net10.0/coffer-agent.dll --config "$ROOT/config")
echo pw | "${AGENT[@]}" init --server "http://127.0.0.1:$PORT/sync" --user bench --device-id bench --data "$ROOT/data" --datastore contacts --max-msg-size 65536 --password-stdin >/dev/null
server_cpu() { awk '{printf "%.2f", ($14+$15)/100}' "/proc/$SERVER/stat"; }
echo "| step | contacts | wall s | agent CPU s | server CPU s | bytes sent |"
echo "|---|---:|---:|---:|---:|---:|"
step() {
  local name=$1; shift
  local before; before=$(server_cpu)
  /usr/bin/time -o "$ROOT/$name.time" -f '%e %U %S' "${AGENT[@]}" "$@" --json >"$ROOT/$name.json" 2>"$ROOT/$name.log"
  local after; after=$(server_cpu)
  read -r wall user sys <"$ROOT/$name.time"
  echo "| $name | $N | $wall | $(awk "BEGIN { printf \"%.2f\", $user + $sys }") | $(awk "BEGIN { printf \"%.2f\", $after - $before }") | $(python3 -c "import json;print(json.load(open('$ROOT/$name.json'))['bytesSent'])") |"
}
step backup backup
step "backup-unchanged" backup
step restore restore --to "$ROOT/restored"
cmp <(cat "$ROOT"/data/contacts/* | sort) <(cat "$ROOT"/restored/contacts/* | sort) && echo "restored contents equal the originals ($(ls "$ROOT/restored/contacts" | wc -l) files)"
