namespace Coffer.Storage;

/// <summary>A phone or client of one user.</summary>
/// <param name="Id">Backend-assigned id used by sync state, maps and sessions.</param>
/// <param name="DeviceId">The SyncML device id (the SyncHdr Source LocURI, e.g. "IMEI:..."); unique per user.</param>
/// <param name="DevInf">The device's last DevInf exactly as received (opaque bytes).</param>
/// <param name="Nonce">A stored md5 nonce this device may still use once (earlier servers stored the NextNonce they sent); cleared at the next login.</param>
/// <param name="LoginCount">Successful logins of this device: md5 nonces are derived from it, so each is good for one login.</param>
public sealed record Device(
    long Id,
    long UserId,
    string DeviceId,
    byte[]? DevInf,
    byte[]? Nonce,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastAccess,
    long LoginCount = 0);
