namespace Coffer.Storage;

/// <summary>
/// Where a payload belongs. An encrypting codec binds the blob to it (AEAD associated data) and picks the key of
/// <see cref="UserId"/> (0: the server's own key, for rows that belong to no user). <see cref="ItemId"/> names the
/// row (an item id, or for other kinds the row's key such as a session's token hash), <see cref="Version"/> the
/// item version or the piece's number.
/// </summary>
public readonly record struct PayloadContext(long UserId, string ItemId, long Version, PayloadKind Kind = PayloadKind.Item)
{
    /// <summary>The user id of rows that belong to no user (the server's data key).</summary>
    public const long ServerScope = 0;

    /// <summary>For error messages: "item ID version N", "session state ID" and so on. Never content.</summary>
    public string Describe() => Kind switch
    {
        PayloadKind.Item => $"item {ItemId} version {Version}",
        PayloadKind.SessionState => $"session state {ItemId}",
        PayloadKind.CachedReply => $"cached reply {ItemId}",
        PayloadKind.SessionChunk => $"session chunk {ItemId} #{Version}",
        PayloadKind.Md5Credential => $"md5 credential of user {UserId}",
        PayloadKind.SipDigestHa1 => $"SIP {ItemId} HA1 of user {UserId}",
        PayloadKind.DeviceInfo => $"DevInf of device {ItemId}",
        _ => $"{Kind} {ItemId} #{Version}",
    };
}
