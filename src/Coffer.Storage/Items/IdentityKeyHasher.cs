using System.Security.Cryptography;
using System.Text;

namespace Coffer.Storage;

/// <summary>
/// <see cref="IdentityKey.Compute"/> for many keys under one user's secret: the HMAC state keyed once and reset per
/// key, instead of a new keyed context per item (a slow sync computes one key per item). Not thread-safe.
/// </summary>
public sealed class IdentityKeyHasher : IDisposable
{
    private readonly IncrementalHash hmac;

    public IdentityKeyHasher(ReadOnlySpan<byte> userSecret)
    {
        hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, userSecret);
    }

    public byte[] Compute(string normalizedKey)
    {
        ArgumentNullException.ThrowIfNull(normalizedKey);
        hmac.AppendData(Encoding.UTF8.GetBytes(normalizedKey));
        return hmac.GetHashAndReset();
    }

    public void Dispose() => hmac.Dispose();
}
