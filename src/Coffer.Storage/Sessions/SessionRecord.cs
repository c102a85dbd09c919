namespace Coffer.Storage;

/// <summary>A persisted SyncML session (it spans many HTTP requests, possibly on different nodes).</summary>
/// <param name="Token">The unguessable token carried in RespURI; the store keeps only its SHA-256.</param>
/// <param name="State">The engine's session state, opaque to the store.</param>
public sealed record SessionRecord(
    string Token,
    long? UserId,
    long? DeviceId,
    DateTimeOffset Created,
    DateTimeOffset Expires,
    byte[] State);
