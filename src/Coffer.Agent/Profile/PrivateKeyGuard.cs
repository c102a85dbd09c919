using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Coffer.Agent.Profile;

/// <summary>
/// Keeps private keys of the profile's certificates sealed (<see cref="KeySealer"/>) whenever they leave the device.
/// In a PEM file every block whose label names a private key (<c>PRIVATE KEY</c>, <c>RSA PRIVATE KEY</c>,
/// <c>EC PRIVATE KEY</c>, <c>ENCRYPTED PRIVATE KEY</c>) is replaced by a <c>COFFER SEALED PRIVATE KEY</c> block
/// holding the original block sealed; certificates and the text around stay in clear, so the server can list their
/// public parts. A file that is neither PEM nor a DER certificate (a PKCS#12 bundle) is sealed whole, as a
/// <c>COFFER SEALED FILE</c> block. Opening puts back the original bytes exactly.
/// </summary>
public sealed class PrivateKeyGuard(KeySealer sealer)
{
    public const string SealedKeyLabel = "COFFER SEALED PRIVATE KEY";
    public const string SealedFileLabel = "COFFER SEALED FILE";

    public byte[] Protect(byte[] file)
    {
        var text = Encoding.Latin1.GetString(file);
        if (!HasPem(text))
        {
            return IsDerCertificate(file) ? file : Encoding.Latin1.GetBytes(new string(PemEncoding.Write(SealedFileLabel, sealer.Seal(file))) + "\n");
        }

        return Encoding.Latin1.GetBytes(Replace(text, (label, block) =>
            label.Contains("PRIVATE KEY", StringComparison.Ordinal) && !label.StartsWith("COFFER ", StringComparison.Ordinal)
                ? new string(PemEncoding.Write(SealedKeyLabel, sealer.Seal(Encoding.Latin1.GetBytes(block))))
                : null));
    }

    /// <exception cref="CryptographicException">A key sealed under another password.</exception>
    public byte[] Open(byte[] item)
    {
        var text = Encoding.Latin1.GetString(item);
        if (!HasPem(text))
        {
            return item;
        }

        byte[]? whole = null;
        var opened = Replace(text, (label, block) =>
        {
            if (label == SealedFileLabel)
            {
                whole = sealer.Open(Payload(block));
                return string.Empty;
            }

            return label == SealedKeyLabel ? Encoding.Latin1.GetString(sealer.Open(Payload(block))) : null;
        });
        return whole ?? Encoding.Latin1.GetBytes(opened);
    }

    private static bool HasPem(string text) => PemEncoding.TryFind(text, out _);

    /// <summary>Every PEM block of <paramref name="text"/> replaced by what <paramref name="replace"/> returns for it (null: kept).</summary>
    private static string Replace(string text, Func<string, string, string?> replace)
    {
        var output = new StringBuilder(text.Length);
        var position = 0;
        while (position < text.Length && PemEncoding.TryFind(text.AsSpan(position), out var fields))
        {
            var (offset, length) = fields.Location.GetOffsetAndLength(text.Length - position);
            var block = text.Substring(position + offset, length);
            var label = text.Substring(position + fields.Label.GetOffsetAndLength(text.Length - position).Offset, fields.Label.GetOffsetAndLength(text.Length - position).Length);
            output.Append(text, position, offset);
            output.Append(replace(label, block) ?? block);
            position += offset + length;
        }

        output.Append(text, position, text.Length - position);
        return output.ToString();
    }

    private static byte[] Payload(string block)
    {
        var fields = PemEncoding.Find(block);
        return Convert.FromBase64String(block[fields.Base64Data]);
    }

    private static bool IsDerCertificate(byte[] file)
    {
        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(file);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
