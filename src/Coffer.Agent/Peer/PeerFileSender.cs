using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Coffer.Formats.Rsync;

namespace Coffer.Agent.Peer;

/// <summary>
/// The side of a direct file transfer that holds the new file: connects to the receiver, offers the file's length,
/// reads the receiver's signature, streams the delta while hashing the file in the same pass, sends the SHA-256, and
/// waits for the receiver's verdict (docs/rsync-delta.md, "Peer transfer").
/// </summary>
public static class PeerFileSender
{
    /// <summary>Sends <paramref name="sourcePath"/> to the receiver at <paramref name="remote"/>, from <paramref name="localAddress"/> when given.</summary>
    public static Task<PeerTransferResult> SendAsync(
        IPEndPoint remote, string sourcePath, IPAddress? localAddress = null,
        IProgress<PeerTransferProgress>? progress = null, CancellationToken cancellationToken = default) =>
        SendAsync(remote, sourcePath, null, null, localAddress, progress, cancellationToken);

    /// <summary>
    /// Sends <paramref name="sourcePath"/> as <paramref name="name"/> (relative to the receiving folder) to a peer
    /// session's receiver, proving the session's <paramref name="secret"/> (<see cref="PeerFileOffer"/>).
    /// </summary>
    public static Task<PeerTransferResult> SendNamedAsync(
        IPEndPoint remote, string sourcePath, string name, string secret, IPAddress? localAddress = null,
        IProgress<PeerTransferProgress>? progress = null, CancellationToken cancellationToken = default) =>
        SendAsync(remote, sourcePath, name, secret, localAddress, progress, cancellationToken);

    private static async Task<PeerTransferResult> SendAsync(
        IPEndPoint remote, string sourcePath, string? name, string? secret, IPAddress? localAddress,
        IProgress<PeerTransferProgress>? progress, CancellationToken cancellationToken)
    {
        using var client = localAddress is null
            ? new TcpClient(remote.AddressFamily)
            : new TcpClient(new IPEndPoint(localAddress, 0));
        client.NoDelay = true;
        await client.ConnectAsync(remote, cancellationToken).ConfigureAwait(false);
        using var cancel = cancellationToken.Register(client.Dispose);
        return await Task.Run(() => Send(client, sourcePath, name, secret, progress), CancellationToken.None).ConfigureAwait(false);
    }

    private static PeerTransferResult Send(TcpClient client, string sourcePath, string? name, string? secret, IProgress<PeerTransferProgress>? progress)
    {
        using var file = new FileStream(sourcePath, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024);
        var length = file.Length;
        var wire = new ObservedStream(client.GetStream());
        // One buffer each way: a BufferedStream that both reads and writes seeks back over what it read ahead.
        var input = new BufferedStream(wire, 64 * 1024);
        var output = new BufferedStream(wire, 64 * 1024);
        var frame = new byte[PeerFrames.MaxPayload];
        try
        {
            var offer = name is null ? new PeerFileOffer(length) : PeerFileOffer.Named(length, name, secret!);
            PeerFrames.Write(output, PeerFrameType.Offer, offer.ToPayload());
            output.Flush();

            var signatureStream = new PeerFrameInputStream(input, PeerFrameType.SignatureData, PeerFrameType.SignatureEnd);
            var signature = RsyncSignature.Read(signatureStream);
            signatureStream.ReadEnd();

            using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var source = new ObservedStream(file, sha256, n => progress?.Report(new PeerTransferProgress(n, length, name)));
            var delta = new PeerFrameOutputStream(output, PeerFrameType.DeltaData);
            var statistics = RsyncDeltaWriter.Write(signature, source, delta);
            delta.Complete(PeerFrameType.DeltaEnd, sha256.GetHashAndReset());

            var result = PeerFrames.Expect(input, frame, PeerFrameType.Result);
            if (result.IsEmpty || result[0] != 0)
            {
                var reason = result.IsEmpty ? "no reason given" : Encoding.UTF8.GetString(result[1..]);
                throw new PeerTransferException($"Peer transfer refused by the receiver: {reason}");
            }

            return new PeerTransferResult(length, wire.BytesWritten, wire.BytesRead, statistics, name);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            throw new PeerTransferException("Peer transfer: the connection was lost.", e);
        }
    }
}
