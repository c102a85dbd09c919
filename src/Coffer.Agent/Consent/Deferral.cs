namespace Coffer.Agent.Consent;

/// <summary>A run deferred on a metered or roaming connection, kept (deferred.json) until an unmetered run does it.</summary>
public sealed record Deferral(RunRequest Request, DateTimeOffset DeferredAt, ConnectionKind Connection, TransferEstimate Estimate);
