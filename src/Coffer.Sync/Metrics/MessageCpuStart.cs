namespace Coffer.Sync.Metrics;

/// <summary>CPU clocks read when a message started (<see cref="CofferMetrics.MessageCpuNow"/>).</summary>
/// <param name="Process">Process CPU time (all threads).</param>
/// <param name="ThreadId">The managed thread the message started on.</param>
/// <param name="ThreadNanoseconds">That thread's CPU time, when the system offers it.</param>
public readonly record struct MessageCpuStart(TimeSpan Process, int ThreadId, long? ThreadNanoseconds);
