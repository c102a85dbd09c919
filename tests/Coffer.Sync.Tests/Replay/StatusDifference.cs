namespace Coffer.Sync.Tests.Replay;

/// <summary>A client command Coffer answered with other codes than Horde did, and why that is right.</summary>
public sealed record StatusDifference(string Testcase, string Message, string Command, string Horde, string Coffer, string? Reason)
{
    public override string ToString() =>
        $"{Testcase} {Message} {Command}: Horde [{Horde}] Coffer [{Coffer}] — {Reason ?? "UNEXPLAINED"}";
}
