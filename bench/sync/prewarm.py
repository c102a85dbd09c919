#!/usr/bin/env python3
# What the store's prewarm (ResidentMap, docs/storage.md) costs on FILE: one madvise(MADV_POPULATE_READ) over a
# read-only map of the whole file, first with the file dropped from the OS cache, then with it cached.
#   python3 bench/sync/prewarm.py FILE        (Linux 5.14 or later; FILE is written back with sync first)
import mmap, os, resource, subprocess, sys, time
path=sys.argv[1]
def once(label):
    fd=os.open(path, os.O_RDONLY); size=os.fstat(fd).st_size
    m=mmap.mmap(fd, size, prot=mmap.PROT_READ); os.close(fd)
    r0=resource.getrusage(resource.RUSAGE_SELF); t0=time.time()
    m.madvise(22, 0, size)  # MADV_POPULATE_READ
    t1=time.time(); r1=resource.getrusage(resource.RUSAGE_SELF)
    cpu=(r1.ru_utime+r1.ru_stime)-(r0.ru_utime+r0.ru_stime)
    print(f"{label}: {size/1048576:.0f} MiB populated in {t1-t0:.3f} s wall, {cpu*1000:.0f} ms CPU, {r1.ru_majflt-r0.ru_majflt} major faults, {(r1.ru_inblock-r0.ru_inblock)/2048:.0f} MiB read")
    m.close()
subprocess.run(["sync", path], check=True)
subprocess.run(["dd", "if=" + path, "iflag=nocache", "count=0", "status=none"], check=True)
once("cold (file dropped from the OS cache)")
once("warm (file in the OS cache, new map)")
