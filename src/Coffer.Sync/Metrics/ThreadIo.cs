namespace Coffer.Sync.Metrics;

/// <summary>A thread's disk-read counters at one moment (<see cref="ThreadIoCounters.Now"/>).</summary>
/// <param name="MajorFaults">Page faults that waited for a disk read.</param>
/// <param name="SectorsRead">512-byte sectors read from disk on the thread's behalf.</param>
public readonly record struct ThreadIo(long MajorFaults, long SectorsRead);
