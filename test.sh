#!/usr/bin/env bash
# Runs every Coffer test, installing what the tests need first. CI (.ci/run) calls exactly this.
# The last line printed is the total over all test projects: "N passed, N failed".
#   ./test.sh                 everything
#   ./test.sh --filter EXPR   pass a dotnet test --filter to every project (for local work)
set -uo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
FILTER=()
[ "${1:-}" = "--filter" ] && FILTER=(--filter "$2")

# 1. System packages the tests drive for real (installed only when missing).
need=()
# postgresql: initdb and pg_ctl for the private clusters of the PostgreSQL storage and interop runs (no service is used).
# chromium: the browser the web tests drive through Playwright (never a browser Playwright downloads).
# sqlite3: the app data tests compare databases with sqlite3 .dump.
# haproxy: the cluster tests balance two server nodes with it (a process of the test's own, no service).
# rdiff: the rsync delta tests check signatures, deltas and patches against librsync's own tool.
# baresip-core: the SIP interop tests register Debian's baresip with the control server.
# patroni etcd-server etcd-client: the Patroni failover test runs etcd and two Patroni members of its own (no service).
for p in libwbxml2-utils syncevolution syncevolution-http python3-twisted gcc libc6-dev dbus postgresql chromium sqlite3 haproxy rdiff baresip-core patroni etcd-server etcd-client; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "test.sh: installing ${need[*]}"
  SUDO=; [ "$(id -u)" != 0 ] && SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get install -y -q "${need[@]}" >/dev/null 2>&1 ||
    { $SUDO apt-get update -q >/dev/null 2>&1; $SUDO apt-get install -y -q "${need[@]}" >/dev/null; } ||
    { echo "test.sh: apt-get install ${need[*]} failed"; echo "0 passed, 1 failed"; exit 1; }
fi

fail_early() { echo "test.sh: $1"; echo "0 passed, 1 failed"; exit 1; }

# s3rver: an S3-compatible server on 127.0.0.1 for the S3 backup target's test (npm; Node.js from apt when missing).
if ! command -v s3rver >/dev/null 2>&1; then
  SUDO=; [ "$(id -u)" != 0 ] && SUDO=sudo
  if ! command -v npm >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    { $SUDO apt-get install -y -q nodejs npm >/dev/null 2>&1 ||
      { $SUDO apt-get update -q >/dev/null 2>&1; $SUDO apt-get install -y -q nodejs npm >/dev/null; }; } || fail_early "apt-get install nodejs npm failed"
  fi
  echo "test.sh: installing s3rver (npm)"
  $SUDO npm install -g --no-audit --no-fund --loglevel=error s3rver@3.7.1 >/dev/null || fail_early "npm install -g s3rver failed"
fi

# 2. Build (warnings are errors) and check formatting.
dotnet build Coffer.slnx -c Release -nologo -v q || fail_early "build failed"
dotnet format Coffer.slnx --verify-no-changes --no-restore -v q || fail_early "dotnet format found unformatted code (run: dotnet format Coffer.slnx)"

# 3. Every test project, each with its own results file; totals over all of them at the end.
RESULTS=$ROOT/TestResults
rm -rf "$RESULTS"; mkdir -p "$RESULTS"
# The web tests' screenshots (phone and PC sizes) are kept beside the results as artifacts.
export COFFER_SCREENSHOTS=$RESULTS/screenshots
status=0
for proj in tests/*.Tests/*.Tests.csproj; do
  name=$(basename "$proj" .csproj)
  echo "== $name"
  # A test that hangs is killed after 10 minutes (with a dump of its stacks in TestResults) and counted as failed,
  # so a run always ends with its totals.
  dotnet test "$proj" -c Release --no-build -nologo "${FILTER[@]}" --blame-hang --blame-hang-timeout 10m \
    --logger "trx;LogFileName=$name.trx" --results-directory "$RESULTS" || status=1
done

# 4. The SyncEvolution interop suite once more with every Coffer server on PostgreSQL (a private cluster the tests start
# and stop). The reference-server and harness self-tests never touch Coffer's store, so they run once, above.
PG_FILTER='FullyQualifiedName!~Coffer.Interop.Tests.Reference.&FullyQualifiedName!~Coffer.Interop.Tests.HarnessTests.'
[ ${#FILTER[@]} -gt 0 ] && PG_FILTER="($PG_FILTER)&(${FILTER[1]})"
echo "== Coffer.Interop.Tests on PostgreSQL"
COFFER_TEST_STORAGE=postgres dotnet test tests/Coffer.Interop.Tests/Coffer.Interop.Tests.csproj -c Release --no-build -nologo \
  --filter "$PG_FILTER" --blame-hang --blame-hang-timeout 10m \
  --logger "trx;LogFileName=Coffer.Interop.Tests.postgres.trx" --results-directory "$RESULTS" || status=1

# Each test process's cluster is stopped by a watchdog once the process is gone; give the last one a moment.
for _ in 1 2 3 4 5 6 7 8 9 10; do compgen -G "${TMPDIR:-/tmp}/coffer-pg-*" >/dev/null || break; sleep 1; done
compgen -G "${TMPDIR:-/tmp}/coffer-pg-*" >/dev/null && echo "test.sh: a private PostgreSQL cluster is still running: $(ls -d "${TMPDIR:-/tmp}"/coffer-pg-*)"

passed=0; failed=0; found=0
for trx in "$RESULTS"/*.trx; do
  [ -f "$trx" ] || continue
  found=$((found+1))
  c=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$c"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$c")
  passed=$((passed+${p:-0})); failed=$((failed+${f:-0}))
done
expected=$(( $(ls tests/*.Tests/*.Tests.csproj | wc -l) + 1 ))  # + the interop run on PostgreSQL
# A project that crashed before writing results counts as a failure, never as nothing.
[ "$found" -lt "$expected" ] && failed=$((failed+expected-found))
[ "$status" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
