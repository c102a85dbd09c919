using Coffer.SyncML.San;

namespace Coffer.SyncML.Dm;

/// <summary>
/// Binary codec of DM package 0 (OMA-TS-DM_Notification-V1_2 §6): digest (128 bits) | trigger-hdr: version (10)
/// ui-mode (2) initiator (1) future-use (27) session-id (16) server-identifier-length (8) server-identifier |
/// trigger-body: vendor-specific. The header and the digest are those of the DS SAN (<see cref="SanCodec"/>,
/// <see cref="SanDigest"/>): digest = H(B64(H(server-identifier:password)):nonce:B64(H(trigger))), H = MD5, where
/// trigger is the package after the digest.
/// </summary>
public static class DmNotificationCodec
{
    /// <summary>Version field value for DM 1.2.</summary>
    public const int Version12 = 12;

    private const string Kind = "DM notification";

    /// <summary>The package, signed with <paramref name="serverId"/> and <paramref name="serverSecret"/> over <paramref name="nonce"/>.</summary>
    /// <remarks>
    /// The header's server identifier is <paramref name="serverId"/> when <paramref name="n"/> leaves it empty; a
    /// different one is an error, since the device checks the digest with the secret of the server the header names.
    /// Sets <see cref="DmNotification.Digest"/>.
    /// </remarks>
    /// <exception cref="SyncMLFormatException">A field does not fit its bits, or the server identifiers differ.</exception>
    public static byte[] Encode(DmNotification n, string serverId, string serverSecret, ReadOnlySpan<byte> nonce)
    {
        ArgumentNullException.ThrowIfNull(n);
        ArgumentNullException.ThrowIfNull(serverId);
        ArgumentNullException.ThrowIfNull(serverSecret);
        if (n.ServerIdentifier.Length == 0)
        {
            n.ServerIdentifier = serverId;
        }

        NotificationWire.Check(n.ServerIdentifier == serverId, $"the header names server '{n.ServerIdentifier}' but is signed for '{serverId}'", Kind);
        var trigger = EncodeTrigger(n);
        n.Digest = SanDigest.Compute(serverId, serverSecret, nonce, trigger);
        var package = new byte[SanDigest.Length + trigger.Length];
        n.Digest.CopyTo(package, 0);
        trigger.CopyTo(package, SanDigest.Length);
        return package;
    }

    /// <summary>The notification a package holds, digest included (not checked: see <see cref="Verify"/>).</summary>
    /// <exception cref="SyncMLFormatException">The package is truncated, the server identifier is not UTF-8, or the version is not DM 1.2.</exception>
    public static DmNotification Decode(ReadOnlySpan<byte> package)
    {
        var pos = 0;
        var digest = NotificationWire.Take(package, ref pos, SanDigest.Length, "digest", Kind).ToArray();
        var header = NotificationWire.ReadHeader(package, ref pos, Kind);
        if (header.Version != Version12)
        {
            // §6: version is 12 for this specification; a DS SAN (also 12) is told apart by its media type, not here.
            throw new SyncMLFormatException($"DM notification version {header.Version} is not 12 (DM 1.2)") { Position = SanDigest.Length };
        }

        return new DmNotification
        {
            Digest = digest,
            Version = header.Version,
            UiMode = header.UiMode,
            Initiator = header.Initiator,
            FutureUse = header.FutureUse,
            SessionId = header.SessionId,
            ServerIdentifier = header.ServerIdentifier,
            VendorSpecific = package[pos..].ToArray(),
        };
    }

    /// <summary>
    /// Whether the package's digest is right for this server and secret over <paramref name="nonce"/>; compared in
    /// constant time. A package too short to hold a digest and a header is never valid. Never throws on bad input.
    /// </summary>
    public static bool Verify(ReadOnlySpan<byte> package, string serverId, string serverSecret, ReadOnlySpan<byte> nonce) =>
        package.Length >= SanDigest.Length + NotificationWire.HeaderFixedLength &&
        SanDigest.Verify(package, serverId, serverSecret, nonce);

    private static byte[] EncodeTrigger(DmNotification n)
    {
        using var ms = new MemoryStream();
        NotificationWire.WriteHeader(
            ms,
            new NotificationHeader
            {
                Version = n.Version,
                UiMode = n.UiMode,
                Initiator = n.Initiator,
                FutureUse = n.FutureUse,
                SessionId = n.SessionId,
                ServerIdentifier = n.ServerIdentifier,
            },
            Kind);
        ms.Write(n.VendorSpecific ?? []);
        return ms.ToArray();
    }
}
