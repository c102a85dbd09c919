#!/usr/bin/env bash
# Backing up and restoring a folder of photos, side by side in one run (bench/README.md, "Photos: coffer-agent and
# restic"): coffer-agent + a Coffer server process, `restic backup` / `restic restore` of the same folder to a local
# repository, and the machine's single-stream AES-256-GCM + SHA-256 limit (crypto-limit.cs). The photos are FILES files
# of random bytes (as incompressible as JPEGs) of 2–5 MiB, GIB GiB in total. Every restore is compared by SHA-256.
# The server and coffer-agent run as a user installs them: published for linux-x64 (framework-dependent), so
# ReadyToRun-compiled (docs/operations.md "Deploying", docs/agent.md "Installing").
#   bench/agent/photos.sh [GIB=1]     ROOT (/tmp/coffer-photos-bench), PORT (18874), SKIP_BUILD=1 (use what PUBLISH
#                                     holds), PUBLISH (/tmp/coffer-photos-bench/publish), DATASTORE (photos),
#                                     MSG (the agent's --max-msg-size; default the agent's, 4 MiB), COFFER_ONLY=1
#                                     (no restic, no encrypt+hash limit: the A/B runs of two builds)
set -euo pipefail
cd "$(dirname "$0")/../.."
GIB=${1:-1}
PUBLISH=${PUBLISH:-/tmp/coffer-photos-bench/publish}
ROOT=${ROOT:-/tmp/coffer-photos-bench}/run-$(date +%s)
PORT=${PORT:-18874}
DATASTORE=${DATASTORE:-photos}
command -v restic >/dev/null || { SUDO=; [ "$(id -u)" != 0 ] && SUDO=sudo; $SUDO apt-get install -y -q restic >/dev/null; }
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  for p in Server Cli Agent.Cli; do
    dotnet publish "src/Coffer.$p/Coffer.$p.csproj" -c Release -r linux-x64 --self-contained false -nologo -v q \
      -o "$PUBLISH/$p" >/dev/null
  done
fi
mkdir -p "$ROOT/data/$DATASTORE"
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD), $(nproc) CPUs, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -r), dotnet $(dotnet --version), $(restic version | cut -d' ' -f1-2), load $(cut -d' ' -f1-3 /proc/loadavg)"

# The photos: sizes from a fixed seed, contents random; a few in sub-folders, as a camera roll has.
python3 - "$ROOT/data/$DATASTORE" "$GIB" <<'PY'
import os, random, sys
root, gib = sys.argv[1], float(sys.argv[2])
rng = random.Random(20261207)
total, n = int(gib * (1 << 30)), 0
while total > 0:
    size = min(total, rng.randint(2 << 20, 5 << 20))
    folder = os.path.join(root, f"{2020 + n % 5}") if n % 3 == 0 else root
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, f"IMG_{n:05d}.jpg"), "wb") as f:
        f.write(os.urandom(size))
    total -= size
    n += 1
print(f"{n} photos, {gib} GiB")
PY
BYTES=$(du -sb "$ROOT/data/$DATASTORE" | cut -f1)
sums() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum); }
sums "$ROOT/data/$DATASTORE" >"$ROOT/original.sha256"

echo pw | "$PUBLISH/Cli/coffer" user add bench --password-stdin --data "$ROOT/server" >/dev/null
"$PUBLISH/Server/Coffer.Server" --urls "http://127.0.0.1:$PORT" --data "$ROOT/server" >"$ROOT/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 1; done
AGENT=("$PUBLISH/Agent.Cli/coffer-agent" --config "$ROOT/config")
echo pw | "${AGENT[@]}" init --server "http://127.0.0.1:$PORT/sync" --user bench --device-id bench --data "$ROOT/data" \
  --datastore "$DATASTORE" ${MSG:+--max-msg-size $MSG} --password-stdin >/dev/null
server_cpu() { awk '{printf "%.2f", ($14+$15)/100}' "/proc/$SERVER/stat"; }

echo "| tool | step | wall s | MB/s | CPU s (client + server) | CPU s per GiB |"
echo "|---|---|---:|---:|---:|---:|"
row() { # tool step wall cpu
  awk -v t="$1" -v s="$2" -v w="$3" -v c="$4" -v b="$BYTES" 'BEGIN { printf "| %s | %s | %.2f | %.0f | %.2f | %.2f |\n", t, s, w, b / 1e6 / w, c, c * 1073741824 / b }'
}
timed() { # name cmd...: wall and user+sys of the command into $ROOT/name.time
  local name=$1; shift
  /usr/bin/time -o "$ROOT/$name.time" -f '%e %U %S' "$@" >"$ROOT/$name.out" 2>"$ROOT/$name.err"
}
coffer_step() {
  local name=$1; shift
  local before; before=$(server_cpu)
  timed "coffer-$name" "${AGENT[@]}" "$@" --json
  local after; after=$(server_cpu)
  read -r wall user sys <"$ROOT/coffer-$name.time"
  row coffer-agent "$name" "$wall" "$(awk "BEGIN { print $user + $sys + $after - $before }")"
  awk "BEGIN { printf \"coffer-agent $name CPU s: agent %.2f + server %.2f\\n\", $user + $sys, $after - $before }" >>"$ROOT/cpu-split"
}
coffer_step backup backup "$DATASTORE"
coffer_step restore restore --to "$ROOT/coffer-restored"
sums "$ROOT/coffer-restored/$DATASTORE" | cmp - "$ROOT/original.sha256" >/dev/null || echo "coffer-agent: restored files differ"

if [ "${COFFER_ONLY:-0}" = 1 ]; then
  cat "$ROOT/cpu-split"
  echo "photos: $BYTES bytes; load at end $(cut -d' ' -f1-3 /proc/loadavg)"
  exit 0
fi

export RESTIC_PASSWORD=bench RESTIC_REPOSITORY="$ROOT/restic-repo"
restic init >/dev/null
timed restic-backup restic backup -q "$ROOT/data/$DATASTORE"
read -r wall user sys <"$ROOT/restic-backup.time"
row restic backup "$wall" "$(awk "BEGIN { print $user + $sys }")"
timed restic-restore restic restore latest -q --target "$ROOT/restic-restored"
read -r wall user sys <"$ROOT/restic-restore.time"
row restic restore "$wall" "$(awk "BEGIN { print $user + $sys }")"
sums "$ROOT/restic-restored$ROOT/data/$DATASTORE" | cmp - "$ROOT/original.sha256" >/dev/null || echo "restic: restored files differ"

dotnet run -c Release bench/agent/crypto-limit.cs -- 2048 | tail -1
echo "photos: $BYTES bytes; server data directory $(du -sb "$ROOT/server" | cut -f1) bytes; load at end $(cut -d' ' -f1-3 /proc/loadavg)"
