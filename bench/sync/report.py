#!/usr/bin/env python3
"""Tables for the sync benchmarks from their TSV rows.
  report.py a FILE N   rows: server rep phase cpu_ms wall_ms extra_ms [busy_ms [msg_ms [thread_ms]]] load
  report.py b FILE     rows: size rep phase cpu_ms wall_ms extra_ms [busy_ms [msg_ms [thread_ms]]] load
busy_ms: Coffer's own request time (sum of its per-request durations), -1 when not measured
msg_ms:  Coffer's process CPU while it processed the sync's messages (its /metrics, microsecond resolution), -1 when not measured
thread_ms: the CPU of the threads that processed those messages, while they did (its /metrics, nanosecond clock): the
         messages' own work without what other threads (background JIT, timers) burned meanwhile; -1 when not measured
"""
import statistics, sys
from collections import defaultdict


def rows(path):
    # Older rows lack the optional columns at the end (busy_ms, msg_ms, thread_ms): missing ones read as -1.
    with open(path) as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if len(p) < 7:
                continue
            busy, msg, thread = (p[6:-1] + ["-1"] * 3)[:3]
            yield p[0], int(p[1]), p[2], int(p[3]), int(p[4]), int(p[5]), int(busy), float(msg), float(thread), p[-1]


def stats(v):
    return min(v), statistics.median(v)


def fmt_runs(v, scale=1000.0, digits=2):
    return " ".join(f"{x / scale:.{digits}f}" for x in v)


def report_a(path, n):
    data = defaultdict(list)
    for srv, rep, phase, cpu, wall, extra, busy, msg, thr, load in rows(path):
        data[(srv, phase)].append((cpu, wall, extra, load, busy, msg, thr))
    print(f"\n(a) {n} vCards. Server CPU = utime+stime of the server process tree; every run listed, then min / median.")
    print("| phase | server | runs: CPU s | CPU s min / median | CPU ms per item (median) | wall s min / median | Coffer request time s (median) | Coffer CPU in messages s (runs) | of which on the messages' threads s (runs) | load at end of each run |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for phase in ("slow", "refresh"):
        for srv in ("coffer", "coffer-pg", "reference"):
            v = data.get((srv, phase))
            if not v:
                continue
            cpu = [x[0] for x in v]; wall = [x[1] for x in v]
            cmin, cmed = stats(cpu); wmin, wmed = stats(wall)
            extra = [x[2] for x in v]
            note = f" (+ dbus-daemon {fmt_runs(extra)} s)" if srv == "reference" else ""
            if srv == "coffer-pg":
                note = f" (+ postgres {fmt_runs(extra)} s, {statistics.median(extra) / n:.3f} ms per item)"
            busy = [x[4] for x in v if x[4] >= 0]
            bcol = f"{statistics.median(busy) / 1000:.1f}" if busy else "-"
            msg = [x[5] for x in v if x[5] >= 0]
            mcol = " ".join(f"{m / 1000:.3f}" for m in msg) if msg else "-"
            thr = [x[6] for x in v if x[6] >= 0]
            tcol = " ".join(f"{t / 1000:.3f}" for t in thr) if thr else "-"
            print(f"| {phase} | {srv} | {fmt_runs(cpu)}{note} | {cmin / 1000:.2f} / {cmed / 1000:.2f} | {cmed / n:.3f} | "
                  f"{wmin / 1000:.1f} / {wmed / 1000:.1f} | {bcol} | {mcol} | {tcol} | {'; '.join(x[3] for x in v)} |")
    print("\n| phase | Coffer/reference CPU (median) | (min) | Coffer/reference wall (median) |")
    print("|---|---|---|---|")
    for phase in ("slow", "refresh"):
        c, r = data.get(("coffer", phase)), data.get(("reference", phase))
        if c and r:
            cc = statistics.median(x[0] for x in c); rc = statistics.median(x[0] for x in r)
            cm = min(x[0] for x in c); rm = min(x[0] for x in r)
            cw = statistics.median(x[1] for x in c); rw = statistics.median(x[1] for x in r)
            print(f"| {phase} | {cc / rc if rc else float('nan'):.3f} | {cm / rm if rm else float('nan'):.3f} | {cw / rw if rw else float('nan'):.3f} |")


def report_b(path):
    data = defaultdict(list)
    for size, rep, phase, cpu, wall, extra, busy, msg, thr, load in rows(path):
        data[(int(size), "idle" if phase.startswith("idle") else phase)].append((cpu, wall, load, busy, msg, thr))
    sizes = sorted({k[0] for k in data})

    def idle_rate(size):  # CPU ms per wall second of the idle server
        v = data.get((size, "idle"))
        return sum(x[0] for x in v) / (sum(x[1] for x in v) / 1000.0) if v else 0.0

    def net(size, x):  # a window's CPU minus what the idle server burns in as long
        return x[0] - idle_rate(size) * x[1] / 1000.0

    print("\n(b) Coffer, two-way sync of 15 changes (5 edits, 5 adds, 5 deletes on the phone) against a store of SIZE contacts.")
    print("net = CPU minus the idle server's CPU rate (row 'idle') times the window's wall time.")
    print("| size | phase | runs: server CPU ms | CPU ms min / median | net CPU ms median | CPU in messages ms (runs) | in messages median | on the messages' threads ms (runs) | on their threads median | wall s min / median | Coffer request time ms (runs) | load at end of each run |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for size in sizes:
        for phase in ("setup-slow", "idle", "two-way"):
            v = data.get((size, phase))
            if not v:
                continue
            cpu = [x[0] for x in v]; wall = [x[1] for x in v]
            cmin, cmed = stats(cpu); wmin, wmed = stats(wall)
            busy = " ".join(str(x[3]) for x in v) if any(x[3] >= 0 for x in v) else "-"
            netcol = f"{statistics.median(net(size, x) for x in v):.0f}" if phase == "two-way" else "-"
            msg = [x[4] for x in v if x[4] >= 0]
            mruns = " ".join(f"{m:.1f}" for m in msg) if msg else "-"
            mmed = f"{statistics.median(msg):.1f}" if msg else "-"
            thr = [x[5] for x in v if x[5] >= 0]
            truns = " ".join(f"{t:.1f}" for t in thr) if thr else "-"
            tmed = f"{statistics.median(thr):.1f}" if thr else "-"
            print(f"| {size} | {phase} | {' '.join(str(x) for x in cpu)} | {cmin} / {cmed:g} | {netcol} | {mruns} | {mmed} | {truns} | {tmed} | {wmin / 1000:.2f} / {wmed / 1000:.2f} | {busy} | {'; '.join(x[2] for x in v)} |")
    if len(sizes) >= 2:
        lo, hi = sizes[0], sizes[-1]
        a, b = data.get((lo, "two-way")), data.get((hi, "two-way"))
        if a and b:
            ma = statistics.median(x[0] for x in a); mb = statistics.median(x[0] for x in b)
            na = statistics.median(net(lo, x) for x in a); nb = statistics.median(net(hi, x) for x in b)
            wa = statistics.median(x[1] for x in a); wb = statistics.median(x[1] for x in b)
            print(f"\nratio {hi}/{lo}: CPU median {mb / ma if ma else float('nan'):.2f}, net CPU median {nb / na if na > 0 else float('nan'):.2f}, "
                  f"wall median {wb / wa if wa else float('nan'):.2f}  (target: CPU <= 1.2; the clock tick is 10 ms)")
            xa = [x[4] for x in a if x[4] >= 0]; xb = [x[4] for x in b if x[4] >= 0]
            if xa and xb:
                print(f"ratio {hi}/{lo} of the CPU in messages (microsecond resolution): median {statistics.median(xb) / statistics.median(xa):.2f}, "
                      f"min {min(xb) / min(xa):.2f}")
            ta = [x[5] for x in a if x[5] >= 0]; tb = [x[5] for x in b if x[5] >= 0]
            if ta and tb:
                print(f"ratio {hi}/{lo} of the CPU on the messages' threads: median {statistics.median(tb) / statistics.median(ta):.2f}, "
                      f"min {min(tb) / min(ta):.2f}")


if __name__ == "__main__":
    if sys.argv[1] == "a":
        report_a(sys.argv[2], int(sys.argv[3]))
    else:
        report_b(sys.argv[2])
