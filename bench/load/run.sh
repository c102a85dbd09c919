#!/usr/bin/env bash
# Load test (bench/README.md, "Load test (P3)"): builds Coffer.Server and Coffer.LoadBench in Release, then for each
# phone count starts a fresh server on a fresh data directory and runs the simulated phones against it.
#   bench/load/run.sh [PHONES...]        default: 100 300 1000
# Environment: ROUNDS (5), CONTACTS (100), CHANGES (2,1,1), DURATION (600 s), PORT (18800), LOAD_ROOT
# (/tmp/coffer-loadbench), SKIP_BUILD=1, EXTRA="--wbxml ..." (more coffer-loadbench options).
set -euo pipefail
cd "$(dirname "$0")/../.."

PHONES=("$@")
[ ${#PHONES[@]} -gt 0 ] || PHONES=(100 300 1000)
ROOT=${LOAD_ROOT:-/tmp/coffer-loadbench}
SERVER_DLL=src/Coffer.Server/bin/Release/net10.0/Coffer.Server.dll
BENCH_DLL=bench/load/Coffer.LoadBench/bin/Release/net10.0/coffer-loadbench.dll

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  dotnet build src/Coffer.Server/Coffer.Server.csproj -c Release -nologo -v q
  dotnet build bench/load/Coffer.LoadBench/Coffer.LoadBench.csproj -c Release -nologo -v q
fi

echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD), $(nproc) CPUs, $(uname -r)"
status=0
for n in "${PHONES[@]}"; do
  data="$ROOT/data-$n-$(date +%s)"
  mkdir -p "$ROOT"
  echo
  echo "== $n phones (data $data)"
  # shellcheck disable=SC2086
  dotnet "$BENCH_DLL" --phones "$n" --rounds "${ROUNDS:-5}" --contacts "${CONTACTS:-100}" --changes "${CHANGES:-2,1,1}" \
    --duration "${DURATION:-600}" --server-dll "$SERVER_DLL" --port "${PORT:-18800}" --data "$data" ${EXTRA:-} || status=1
done
exit $status
