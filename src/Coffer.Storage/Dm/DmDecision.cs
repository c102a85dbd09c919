namespace Coffer.Storage;

/// <summary>One entry of a DM job's consent log: when, and what (established, deferred, rejected, timeout ...).</summary>
public sealed record DmDecision(DateTimeOffset Time, string Decision);
