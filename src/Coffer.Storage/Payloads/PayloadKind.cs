namespace Coffer.Storage;

/// <summary>
/// What a stored payload is. Part of the associated data of its encryption, so a blob copied into a row of another
/// kind fails to decrypt even when the ids happen to match. Stored as the number: only append.
/// </summary>
public enum PayloadKind : byte
{
    /// <summary>An item version's content (items and their history).</summary>
    Item = 0,

    /// <summary>A sync session's serialized state (may hold items in transit and the phone's DevInf).</summary>
    SessionState = 1,

    /// <summary>The reply cached for a resent message (holds the items it carried).</summary>
    CachedReply = 2,

    /// <summary>A piece of a large object arriving in chunks.</summary>
    SessionChunk = 3,

    /// <summary>The syncml:auth-md5 credential, a password equivalent.</summary>
    Md5Credential = 4,

    /// <summary>A device's DevInf as it sent it (names, models, capabilities).</summary>
    DeviceInfo = 5,

    /// <summary>A chunk of the content-addressed blob store, bound to its user and chunk name.</summary>
    BlobChunk = 6,

    /// <summary>A user's blob-name key (the HMAC key that names the user's chunks).</summary>
    BlobNameKey = 7,

    /// <summary>A device's notification secret (the key of its Server Alerted Notification digests).</summary>
    NotificationSecret = 8,

    /// <summary>A SIP digest HA1 (MD5 or SHA-256) of an account, a password equivalent for one realm.</summary>
    SipDigestHa1 = 9,

    /// <summary>A device's DM secret: the client credential hash (version 0) or the server secret (version 1).</summary>
    DmCredential = 10,

    /// <summary>A device's DM backup: its management tree document.</summary>
    DmSnapshot = 11,
}
