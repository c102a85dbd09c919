#!/usr/bin/env bash
# The rsync delta of a MIB MiB file (100 by default) with 1 % changed (100 scattered overwrites), three ways in the
# same run: librsync's rdiff (signature, delta, patch), Coffer's implementation of the same format step by step
# (coffer-rsyncbench signature/delta/patch, files exchanged with rdiff both ways), and Coffer's direct transfer
# between two agents over TCP (127.0.0.2 -> 127.0.0.3: signature one way, delta the other, verified, renamed).
# Prints markdown table rows: bytes, wall seconds, CPU seconds (user + system, from /usr/bin/time).
#   MIB=100 bench/rsync/run.sh         SKIP_BUILD=1 to reuse the last build
set -euo pipefail
cd "$(dirname "$0")/../.."
MIB=${MIB:-100}
ROOT=$(mktemp -d /tmp/coffer-rsyncbench.XXXXXX)
trap 'rm -rf "$ROOT"' EXIT
command -v rdiff >/dev/null || { echo "rdiff is missing: apt-get install rdiff"; exit 1; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is missing: apt-get install time"; exit 1; }
[ "${SKIP_BUILD:-}" = 1 ] || dotnet build bench/rsync/Coffer.RsyncBench -c Release -nologo -v q >/dev/null
BENCH=bench/rsync/Coffer.RsyncBench/bin/Release/net10.0/coffer-rsyncbench

# run NAME CMD...: runs CMD, keeps "wall cpu" in $ROOT/NAME.t
run() {
  local name=$1; shift
  /usr/bin/time -f "%e %U %S" -o "$ROOT/$name.raw" "$@" >"$ROOT/$name.out"
  awk '{ printf "%.2f %.2f\n", $1, $2 + $3 }' "$ROOT/$name.raw" >"$ROOT/$name.t"
}
wall() { cut -d' ' -f1 "$ROOT/$1.t"; }
cpu() { cut -d' ' -f2 "$ROOT/$1.t"; }
size() { stat -c %s "$1"; }
add() { awk -v a="$1" -v b="$2" -v c="${3:-0}" 'BEGIN { printf "%.2f", a + b + c }'; }

"$BENCH" gen "$ROOT/old" "$ROOT/new" "$MIB"
echo "files: $(size "$ROOT/old") bytes old, $(size "$ROOT/new") new; 1 % overwritten in 100 runs"
echo

run rd-sig rdiff signature "$ROOT/old" "$ROOT/rd.sig"
run rd-delta rdiff delta "$ROOT/rd.sig" "$ROOT/new" "$ROOT/rd.delta"
run rd-patch rdiff patch "$ROOT/old" "$ROOT/rd.delta" "$ROOT/rd.out"
run co-sig "$BENCH" signature "$ROOT/old" "$ROOT/co.sig"
run co-delta "$BENCH" delta "$ROOT/co.sig" "$ROOT/new" "$ROOT/co.delta"
run co-patch "$BENCH" patch "$ROOT/old" "$ROOT/co.delta" "$ROOT/co.out"
# Cross-checks: each tool applies the other's delta.
rdiff patch "$ROOT/old" "$ROOT/co.delta" "$ROOT/co-by-rdiff.out"
"$BENCH" patch "$ROOT/old" "$ROOT/rd.delta" "$ROOT/rd-by-coffer.out"
cp "$ROOT/old" "$ROOT/received"
run transfer "$BENCH" transfer "$ROOT/received" "$ROOT/new"
read -r sent recv lit copied <"$ROOT/transfer.out"

echo "| step | bytes | wall s | CPU s |"
echo "|---|---:|---:|---:|"
echo "| rdiff signature (old file) | $(size "$ROOT/rd.sig") | $(wall rd-sig) | $(cpu rd-sig) |"
echo "| rdiff delta (new file) | $(size "$ROOT/rd.delta") | $(wall rd-delta) | $(cpu rd-delta) |"
echo "| rdiff patch | | $(wall rd-patch) | $(cpu rd-patch) |"
echo "| **rdiff total** (signature + delta) | $(( $(size "$ROOT/rd.sig") + $(size "$ROOT/rd.delta") )) | $(add "$(wall rd-sig)" "$(wall rd-delta)" "$(wall rd-patch)") | $(add "$(cpu rd-sig)" "$(cpu rd-delta)" "$(cpu rd-patch)") |"
echo "| Coffer signature | $(size "$ROOT/co.sig") | $(wall co-sig) | $(cpu co-sig) |"
echo "| Coffer delta | $(size "$ROOT/co.delta") | $(wall co-delta) | $(cpu co-delta) |"
echo "| Coffer patch | | $(wall co-patch) | $(cpu co-patch) |"
echo "| **Coffer total** (signature + delta) | $(( $(size "$ROOT/co.sig") + $(size "$ROOT/co.delta") )) | $(add "$(wall co-sig)" "$(wall co-delta)" "$(wall co-patch)") | $(add "$(cpu co-sig)" "$(cpu co-delta)" "$(cpu co-patch)") |"
echo "| **Coffer peer transfer** (both agents in one process; bytes both ways on the wire) | $((sent + recv)) | $(wall transfer) | $(cpu transfer) |"
echo
echo "peer transfer: $sent bytes sender -> receiver, $recv receiver -> sender; delta $lit literal bytes, $copied copied"
cmp -s "$ROOT/old" "$ROOT/new" && echo "WARNING: old and new are equal"
for f in rd.out co.out co-by-rdiff.out rd-by-coffer.out received; do
  echo "$f $(cmp -s "$ROOT/$f" "$ROOT/new" && echo equals || echo DIFFERS from) the new file"
done
cmp -s "$ROOT/rd.sig" "$ROOT/co.sig" && echo "signatures: identical byte for byte" || echo "signatures: DIFFER"
