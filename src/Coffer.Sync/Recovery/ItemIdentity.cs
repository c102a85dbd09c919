using System.Security.Cryptography;
using System.Text;
using Coffer.Formats;
using Coffer.Storage;
using Coffer.Sync.Content;

namespace Coffer.Sync.Recovery;

/// <summary>
/// The twin-detection key of stored content, as the engine computes it for what a device sends (identity keys are not
/// kept per version, so a restored version gets its key again): the content handler's identity string, or the hash of
/// the bytes for content Coffer does not interpret (of the blob a manifest names, for mail, SMS, photos and files).
/// </summary>
internal sealed class ItemIdentity(ContentHandlers handlers, UserAccount user) : IDisposable
{
    private readonly IdentityKeyHasher hasher = new(user.IdentitySecret);

    public void Dispose() => hasher.Dispose();

    public byte[] KeyOf(DatastoreKind kind, string contentType, byte[] content)
    {
        var handler = handlers.For(kind, contentType);
        if (handler is not OpaqueContentHandler)
        {
            try
            {
                return hasher.Compute(handler.Normalize(Encoding.UTF8.GetString(content), contentType).IdentityKey);
            }
            catch (PimFormatException)
            {
                // Stored before a parser change made it unreadable: it can still be restored, matched by its bytes.
            }
        }

        // A blob's version holds its manifest: the key is the one OpaqueItemApplier gives the content it names.
        return BlobKinds.Holds(kind) && BlobManifest.IsManifest(content)
            ? hasher.Compute(BlobIdentity.Of(kind, BlobManifest.Parse(content), contentType))
            : hasher.Compute("sha256:" + Convert.ToHexString(SHA256.HashData(content)));
    }
}
