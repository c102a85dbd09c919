namespace Coffer.Sync.Metrics;

/// <summary>Disk-read counters of a thread or a process at one moment (<see cref="DiskReadCounters"/>).</summary>
/// <param name="MajorFaults">Page faults that waited for a disk read.</param>
/// <param name="SectorsRead">512-byte sectors read from disk on its behalf.</param>
public readonly record struct DiskReads(long MajorFaults, long SectorsRead);
