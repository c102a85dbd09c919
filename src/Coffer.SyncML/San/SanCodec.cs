namespace Coffer.SyncML.San;

/// <summary>
/// Binary codec for the DS 1.2 Server Alerted Notification package #0 (OMA-TS-DS_Notification-V1_2,
/// "SyncML Notification Initiated Session"). Layout, big-endian bit fields:
/// digest (128) | version (10) ui-mode (2) initiator (1) future-use (27) session-id (16)
/// server-identifier-length (8) server-identifier | num-syncs (4) future-use (4)
/// { sync-type (4) future-use (4) content-type (24) server-URI-length (8) server-URI }* | vendor-specific.
/// Decoding then encoding a package gives back the same bytes.
/// </summary>
public static class SanCodec
{
    /// <summary>Version field value for DS 1.2 (the version times ten).</summary>
    public const int Version12 = 12;

    /// <summary>Alert 206: two-way sync, by server (OMA-TS-DS_Protocol-V1_2, alert codes table).</summary>
    public const int TwoWayByServer = 206;

    /// <summary>Alert 207: one-way sync from client only, by server.</summary>
    public const int OneWayFromClientByServer = 207;

    /// <summary>Alert 208: refresh sync from client only, by server.</summary>
    public const int RefreshFromClientByServer = 208;

    /// <summary>Alert 209: one-way sync from server only, by server.</summary>
    public const int OneWayFromServerByServer = 209;

    /// <summary>Alert 210: refresh sync from server only, by server.</summary>
    public const int RefreshFromServerByServer = 210;

    /// <summary>The MIME type under which a SAN is pushed (WAP Push / SMS), per the DS notification spec.</summary>
    public const string MediaType = "application/vnd.syncml.ds.notification";

    private const string Kind = "SAN";
    private const int SyncFixedLength = 5; // 4+4+24+8 bits
    private const int MaxSyncs = 15; // num-syncs is 4 bits
    private const int SyncTypeBase = 200; // the 4-bit sync type holds alert code - 200 (206..210 -> 6..10)

    public static SanMessage Decode(ReadOnlySpan<byte> package)
    {
        var pos = 0;
        var digest = Take(package, ref pos, SanDigest.Length, "digest").ToArray();
        var header = NotificationWire.ReadHeader(package, ref pos, Kind);
        var msg = new SanMessage
        {
            Digest = digest,
            Version = header.Version,
            UiMode = header.UiMode,
            Initiator = header.Initiator,
            FutureUse = header.FutureUse,
            SessionId = header.SessionId,
            ServerIdentifier = header.ServerIdentifier,
        };

        var body = Take(package, ref pos, 1, "num-syncs")[0];
        msg.BodyFutureUse = (byte)(body & 0x0F);
        var count = body >> 4;
        for (var i = 0; i < count; i++)
        {
            var start = pos;
            var fixedPart = Take(package, ref pos, SyncFixedLength, "sync");
            var type = fixedPart[0] >> 4;
            if (type < TwoWayByServer - SyncTypeBase || type > RefreshFromServerByServer - SyncTypeBase)
            {
                // Only the server-alerted codes 206-210 may be requested (OMA-TS-DS_Notification-V1_2, sync-type).
                throw new SyncMLFormatException($"SAN sync type {type} is not one of 6-10 (alerts 206-210)") { Position = start };
            }

            msg.Syncs.Add(new SanSync
            {
                SyncType = SyncTypeBase + type,
                FutureUse = (byte)(fixedPart[0] & 0x0F),
                ContentType = (uint)((fixedPart[1] << 16) | (fixedPart[2] << 8) | fixedPart[3]),
                ServerUri = Text(package, ref pos, fixedPart[4], "server URI"),
            });
        }

        msg.VendorSpecific = package[pos..].ToArray();
        return msg;
    }

    /// <summary>Encodes <paramref name="message"/> with the digest it carries (e.g. one decoded earlier).</summary>
    public static byte[] Encode(SanMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Digest is not { Length: SanDigest.Length })
        {
            throw new SyncMLFormatException($"SAN digest must be {SanDigest.Length} bytes");
        }

        var notification = EncodeNotification(message);
        var package = new byte[SanDigest.Length + notification.Length];
        message.Digest.CopyTo(package, 0);
        notification.CopyTo(package, SanDigest.Length);
        return package;
    }

    /// <summary>Encodes <paramref name="message"/> and signs it (sets <see cref="SanMessage.Digest"/>).</summary>
    public static byte[] Encode(SanMessage message, string serverIdentifier, string password, ReadOnlySpan<byte> nonce)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.Digest = SanDigest.Compute(serverIdentifier, password, nonce, EncodeNotification(message));
        return Encode(message);
    }

    /// <summary>The notification (header, body, vendor-specific) without the digest: what the digest covers.</summary>
    public static byte[] EncodeNotification(SanMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Check(message.Syncs.Count <= MaxSyncs, "at most 15 syncs fit num-syncs");
        Check(message.BodyFutureUse <= 0xF, "body future-use must fit 4 bits");

        using var ms = new MemoryStream();
        NotificationWire.WriteHeader(
            ms,
            new NotificationHeader
            {
                Version = message.Version,
                UiMode = message.UiMode,
                Initiator = message.Initiator,
                FutureUse = message.FutureUse,
                SessionId = message.SessionId,
                ServerIdentifier = message.ServerIdentifier,
            },
            Kind);

        ms.WriteByte((byte)((message.Syncs.Count << 4) | message.BodyFutureUse));
        foreach (var sync in message.Syncs)
        {
            Check(sync.SyncType is >= TwoWayByServer and <= RefreshFromServerByServer, $"sync type {sync.SyncType} is not 206-210");
            Check(sync.FutureUse <= 0xF, "sync future-use must fit 4 bits");
            Check(sync.ContentType <= 0xFF_FFFF, "content type must fit 24 bits");
            ms.WriteByte((byte)(((sync.SyncType - SyncTypeBase) << 4) | sync.FutureUse));
            ms.WriteByte((byte)(sync.ContentType >> 16));
            ms.WriteByte((byte)(sync.ContentType >> 8));
            ms.WriteByte((byte)sync.ContentType);
            WriteText(ms, sync.ServerUri, "server URI");
        }

        ms.Write(message.VendorSpecific ?? []);
        return ms.ToArray();
    }

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> package, ref int pos, int length, string what) =>
        NotificationWire.Take(package, ref pos, length, what, Kind);

    private static string Text(ReadOnlySpan<byte> package, ref int pos, int length, string what) =>
        NotificationWire.Text(package, ref pos, length, what, Kind);

    private static void WriteText(MemoryStream ms, string? text, string what) => NotificationWire.WriteText(ms, text, what, Kind);

    private static void Check(bool ok, string message) => NotificationWire.Check(ok, message, Kind);
}
