using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Coffer.Formats;
using Coffer.Formats.Rsync;

namespace Coffer.Agent.Peer;

/// <summary>
/// The side of a direct file transfer that holds the old file (docs/rsync-delta.md, "Peer transfer"): listens on its
/// address and port, sends the signature of its file to the sender that connects, applies the delta into a temporary
/// file beside it, checks the length and SHA-256 the sender named, and only then renames it over the old file. A
/// refused delta or a dropped connection leaves the old file as it was.
/// </summary>
public sealed class PeerFileReceiver : IDisposable
{
    private readonly TcpListener _listener;

    private PeerFileReceiver(TcpListener listener) => _listener = listener;

    /// <summary>The address and port senders connect to.</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)_listener.LocalEndpoint;

    /// <summary>Starts listening (port 0: any free port).</summary>
    public static PeerFileReceiver Start(IPEndPoint endPoint)
    {
        var listener = new TcpListener(endPoint);
        listener.Start(1);
        return new PeerFileReceiver(listener);
    }

    /// <summary>Accepts one sender and receives its file into <paramref name="targetPath"/>.</summary>
    public async Task<PeerTransferResult> ReceiveAsync(
        string targetPath, IProgress<PeerTransferProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        using var client = await _listener.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false);
        client.NoDelay = true;
        using var cancel = cancellationToken.Register(client.Dispose);
        var target = Path.GetFullPath(targetPath);
        return await Task.Run(() => Receive(client, _ => target, progress), CancellationToken.None)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Accepts the next sender of a peer session (connections from any address but <paramref name="peer"/>, when
    /// given, are closed unanswered) and receives its named file under <paramref name="folder"/>: the offer must prove
    /// <paramref name="secret"/> and name a path inside the folder (<see cref="PeerFileOffer"/>).
    /// </summary>
    public async Task<PeerTransferResult> ReceiveNamedAsync(
        string folder, string secret, IPAddress? peer, IProgress<PeerTransferProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var root = Path.GetFullPath(folder);
        while (true)
        {
            using var client = await _listener.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false);
            if (peer is not null && !((IPEndPoint)client.Client.RemoteEndPoint!).Address.Equals(peer))
            {
                continue;
            }

            client.NoDelay = true;
            using var cancel = cancellationToken.Register(client.Dispose);
            return await Task.Run(() => Receive(client, offer => NamedTarget(root, offer, secret), progress), CancellationToken.None)
                .ConfigureAwait(false);
        }
    }

    public void Dispose() => _listener.Stop();

    private static string NamedTarget(string root, PeerFileOffer offer, string secret)
    {
        if (!offer.Proves(secret))
        {
            throw new PeerTransferException("Peer transfer: the offer does not prove this session's secret.");
        }

        return PeerFilePath.Resolve(root, offer.Name!);
    }

    private static PeerTransferResult Receive(TcpClient client, Func<PeerFileOffer, string> targetOf, IProgress<PeerTransferProgress>? progress)
    {
        var wire = new ObservedStream(client.GetStream());
        // One buffer each way: a BufferedStream that both reads and writes seeks back over what it read ahead.
        var input = new BufferedStream(wire, 64 * 1024);
        var output = new BufferedStream(wire, 64 * 1024);
        var frame = new byte[PeerFrames.MaxPayload];
        string? temp = null;
        try
        {
            var offer = PeerFileOffer.Parse(PeerFrames.Expect(input, frame, PeerFrameType.Offer));
            var targetPath = targetOf(offer);
            var offered = offer.Length;
            Directory.CreateDirectory(Path.GetDirectoryName(targetPath)!);
            temp = Path.Combine(Path.GetDirectoryName(targetPath)!, $".{Path.GetFileName(targetPath)}.{Guid.NewGuid():N}.peer");
            using (var basis = File.Exists(targetPath) ? File.OpenRead(targetPath) : (Stream)new MemoryStream())
            {
                var signature = new PeerFrameOutputStream(output, PeerFrameType.SignatureData);
                RsyncSignatureWriter.Write(basis, signature, RsyncSignatureFormat.Recommended(basis.Length));
                signature.Complete(PeerFrameType.SignatureEnd, []);

                basis.Position = 0;
                var refusal = Patch(input, basis, temp, offered, offer.Name, progress);
                if (refusal is not null)
                {
                    SendResult(output, 1, refusal);
                    throw new PeerTransferException($"Peer transfer refused: {refusal}");
                }
            }

            File.Move(temp, targetPath, overwrite: true);
            SendResult(output, 0, "stored");
            return new PeerTransferResult(offered, wire.BytesWritten, wire.BytesRead, null, offer.Name);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            throw new PeerTransferException("Peer transfer: the connection was lost; the file is unchanged.", e);
        }
        finally
        {
            if (temp is not null)
            {
                File.Delete(temp);
            }
        }
    }

    // Writes the new file into the temporary file; returns why it is refused, or null when it is the one offered.
    private static string? Patch(Stream connection, Stream basis, string temp, long offered, string? name, IProgress<PeerTransferProgress>? progress)
    {
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var delta = new PeerFrameInputStream(connection, PeerFrameType.DeltaData, PeerFrameType.DeltaEnd);
        using var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024);
        var output = new ObservedStream(file, sha256, n => progress?.Report(new PeerTransferProgress(n, offered, name)));
        long written;
        try
        {
            written = RsyncPatcher.Apply(basis, delta, output);
        }
        catch (PimFormatException e)
        {
            // Read to DeltaEnd so the sender, still writing, gets the reason rather than a reset connection.
            delta.CopyTo(Stream.Null);
            return e.Message;
        }

        var expected = delta.ReadEnd();
        file.Flush(flushToDisk: true);
        if (written != offered)
        {
            return $"the delta built {written} bytes, the sender offered {offered}.";
        }

        return sha256.GetHashAndReset().AsSpan().SequenceEqual(expected)
            ? null
            : "the SHA-256 of the built file is not the sender's.";
    }

    private static void SendResult(Stream connection, byte status, string reason)
    {
        var payload = new byte[1 + Encoding.UTF8.GetByteCount(reason)];
        payload[0] = status;
        Encoding.UTF8.GetBytes(reason, payload.AsSpan(1));
        PeerFrames.Write(connection, PeerFrameType.Result, payload);
        connection.Flush();
    }
}
