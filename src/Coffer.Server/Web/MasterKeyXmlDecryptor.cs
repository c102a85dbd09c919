using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Coffer.Storage;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Server.Web;

/// <summary>
/// Reads a data-protection key <see cref="MasterKeyXmlEncryptor"/> wrote. Data protection creates it by type with the
/// service provider, so the store is looked up there. A key written under a master key this server no longer has
/// (after <c>coffer keys rotate</c>) cannot be read: data protection then makes a new key and users sign in again.
/// </summary>
public sealed class MasterKeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var master = services.GetRequiredService<ICofferStore>().KeyRing.Master;
        var id = (string?)encryptedElement.Attribute("masterKey");
        if (id != master.Id)
        {
            throw new CryptographicException($"this web key was encrypted with master key {id}; the server has {master.Id}");
        }

        var sealedBytes = Convert.FromBase64String(encryptedElement.Value);
        var (nonceSize, tagSize) = MasterKeyXmlEncryptor.Sizes;
        var plain = new byte[sealedBytes.Length - nonceSize - tagSize];
        using (var aes = new AesGcm(master.DeriveKey(MasterKeyXmlEncryptor.KeyLabel), tagSize))
        {
            aes.Decrypt(sealedBytes.AsSpan(0, nonceSize), sealedBytes.AsSpan(nonceSize, plain.Length), sealedBytes.AsSpan(nonceSize + plain.Length), plain, MasterKeyXmlEncryptor.AssociatedData(master.Id));
        }

        try
        {
            return XElement.Parse(Encoding.UTF8.GetString(plain));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }
}
