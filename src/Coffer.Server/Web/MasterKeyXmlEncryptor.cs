using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Coffer.Storage;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Coffer.Server.Web;

/// <summary>
/// Encrypts the web's data-protection keys (they sign and encrypt the sign-in cookie and antiforgery tokens, so a copy
/// of them would let anyone sign in as anyone) before they are written to disk: AES-256-GCM under a key derived from
/// the store's master key, like everything else Coffer keeps (docs/security.md).
/// </summary>
public sealed class MasterKeyXmlEncryptor(ICofferStore store) : IXmlEncryptor
{
    /// <summary>The HKDF label of the derived key; never reuse it for another purpose.</summary>
    public const string KeyLabel = "coffer web data-protection keys";

    public const string ElementName = "encryptedKey";

    private const int NonceSize = 12;
    private const int TagSize = 16;

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var master = store.KeyRing.Master;
        var plain = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var sealedBytes = new byte[NonceSize + plain.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(master.DeriveKey(KeyLabel), TagSize))
        {
            aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize, plain.Length), sealedBytes.AsSpan(NonceSize + plain.Length), AssociatedData(master.Id));
        }

        CryptographicOperations.ZeroMemory(plain);
        var element = new XElement(ElementName, new XAttribute("masterKey", master.Id), Convert.ToBase64String(sealedBytes));
        return new EncryptedXmlInfo(element, typeof(MasterKeyXmlDecryptor));
    }

    /// <summary>The master key's id is bound to the ciphertext, so a key file cannot be passed off as another key's.</summary>
    internal static byte[] AssociatedData(string masterKeyId) => Encoding.UTF8.GetBytes("coffer-web-keys/" + masterKeyId);

    internal static (int Nonce, int Tag) Sizes => (NonceSize, TagSize);
}
