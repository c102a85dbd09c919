using System.Security.Cryptography;
using System.Text;

namespace Coffer.SyncML.San;

/// <summary>
/// The SAN digest (OMA-TS-DS_Notification-V1_2, package #0 digest; same construction as
/// the OMA DM 1.2 Notification Initiated Session digest): H(B64(H(server-identifier:password)):nonce:B64(H(notification)))
/// with H = MD5, where notification is the package after the digest.
/// </summary>
public static class SanDigest
{
    public const int Length = 16;

    public static byte[] Compute(string serverIdentifier, string password, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> notification)
    {
        ArgumentNullException.ThrowIfNull(serverIdentifier);
        ArgumentNullException.ThrowIfNull(password);
#pragma warning disable CA5351 // MD5 is what the protocol mandates
        var credentials = Convert.ToBase64String(MD5.HashData(Encoding.UTF8.GetBytes(serverIdentifier + ":" + password)));
        var body = Convert.ToBase64String(MD5.HashData(notification));
        var input = new List<byte>(Encoding.ASCII.GetBytes(credentials + ":"));
        input.AddRange(nonce.ToArray());
        input.AddRange(Encoding.ASCII.GetBytes(":" + body));
        return MD5.HashData(input.ToArray());
#pragma warning restore CA5351
    }

    /// <summary>Whether the first 16 bytes of <paramref name="package"/> are the right digest (constant-time compare).</summary>
    public static bool Verify(ReadOnlySpan<byte> package, string serverIdentifier, string password, ReadOnlySpan<byte> nonce)
    {
        if (package.Length < Length)
        {
            return false;
        }

        var expected = Compute(serverIdentifier, password, nonce, package[Length..]);
        return CryptographicOperations.FixedTimeEquals(expected, package[..Length]);
    }
}
