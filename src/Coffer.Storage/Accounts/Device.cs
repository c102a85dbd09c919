namespace Coffer.Storage;

/// <summary>A phone or client of one user.</summary>
/// <param name="Id">Backend-assigned id used by sync state, maps and sessions.</param>
/// <param name="DeviceId">The SyncML device id (the SyncHdr Source LocURI, e.g. "IMEI:..."); unique per user.</param>
/// <param name="DevInf">The device's last DevInf exactly as received (opaque bytes).</param>
/// <param name="Nonce">The next authentication nonce the server gave this device (NextNonce, OMA-TS-SyncML-MetaInfo-V1_2; syncml:auth-md5, OMA-TS-SyncML-RepPro-V1_2 Security).</param>
public sealed record Device(
    long Id,
    long UserId,
    string DeviceId,
    byte[]? DevInf,
    byte[]? Nonce,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastAccess);
