namespace Coffer.Storage.Tests;

/// <summary>Simulated time: tests move the clock explicitly (expiry, timestamps) instead of sleeping.</summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
