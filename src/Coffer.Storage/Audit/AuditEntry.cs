namespace Coffer.Storage;

/// <summary>One administrative action: who did what to whom, and when.</summary>
/// <param name="Actor">The administrator's user name, or "cli" for the command line on the server.</param>
/// <param name="Action">A short verb phrase, e.g. "user.disable" (docs/web.md lists them).</param>
/// <param name="Target">What it was done to, e.g. a user name or "device 12 of alice".</param>
/// <param name="Details">Anything else worth keeping (never a password or user content).</param>
public sealed record AuditEntry(long Id, DateTimeOffset Time, string Actor, string Action, string Target, string? Details);
