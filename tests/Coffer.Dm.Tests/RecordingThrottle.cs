namespace Coffer.Dm.Tests;

/// <summary>A login throttle that blocks after <see cref="Allowance"/> failures of a name and keeps what it was told.</summary>
public sealed class RecordingThrottle : IDmLoginThrottle
{
    public List<string> Failures { get; } = [];

    public int Allowance { get; set; } = 5;

    public bool IsBlocked(string clientName, string? remoteAddress) => Failures.Count(f => f == clientName) >= Allowance;

    public void Failed(string clientName, string? remoteAddress) => Failures.Add(clientName);
}
