using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Coffer.Agent.Peer;

/// <summary>
/// The Offer frame's payload (docs/rsync-delta.md, "Peer transfer"). Version 1: the new file's length, for a receiver
/// that was told its target. Version 2, a named file of a peer session: the length, a proof of the session's
/// one-time secret (HMAC-SHA256 under the secret over the name and the length, so the secret itself never crosses the
/// data connection), and the file's path relative to the data type's folder, '/'-separated.
/// </summary>
public sealed record PeerFileOffer(long Length, string? Name = null, byte[]? Proof = null)
{
    /// <summary>The longest name in bytes (UTF-8).</summary>
    public const int MaxNameBytes = 4096;

    private const int ProofLength = 32;

    /// <summary>A named offer, with its proof under <paramref name="secret"/>.</summary>
    public static PeerFileOffer Named(long length, string name, string secret) => new(length, name, ProofOf(length, name, secret));

    /// <summary>Whether the proof is the one <paramref name="secret"/> gives (compared in constant time).</summary>
    public bool Proves(string secret) =>
        Name is not null && Proof is not null && CryptographicOperations.FixedTimeEquals(Proof, ProofOf(Length, Name, secret));

    public byte[] ToPayload()
    {
        if (Name is null)
        {
            var v1 = new byte[9];
            v1[0] = 1;
            BinaryPrimitives.WriteInt64BigEndian(v1.AsSpan(1), Length);
            return v1;
        }

        var name = Encoding.UTF8.GetBytes(Name);
        var payload = new byte[1 + 8 + ProofLength + name.Length];
        payload[0] = 2;
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(1), Length);
        Proof.AsSpan().CopyTo(payload.AsSpan(9));
        name.CopyTo(payload.AsSpan(9 + ProofLength));
        return payload;
    }

    /// <exception cref="PeerTransferException">An unknown version or a malformed offer.</exception>
    public static PeerFileOffer Parse(ReadOnlySpan<byte> payload)
    {
        if (payload.Length == 9 && payload[0] == 1)
        {
            return new PeerFileOffer(BinaryPrimitives.ReadInt64BigEndian(payload[1..]));
        }

        if (payload.Length > 9 + ProofLength && payload.Length <= 9 + ProofLength + MaxNameBytes && payload[0] == 2)
        {
            var name = Encoding.UTF8.GetString(payload[(9 + ProofLength)..]);
            return new PeerFileOffer(BinaryPrimitives.ReadInt64BigEndian(payload[1..]), name, payload.Slice(9, ProofLength).ToArray());
        }

        throw new PeerTransferException("Peer transfer: an offer of an unknown version.");
    }

    private static byte[] ProofOf(long length, string name, string secret)
    {
        var data = new byte[8 + Encoding.UTF8.GetByteCount(name)];
        BinaryPrimitives.WriteInt64BigEndian(data, length);
        Encoding.UTF8.GetBytes(name, data.AsSpan(8));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), data);
    }
}
