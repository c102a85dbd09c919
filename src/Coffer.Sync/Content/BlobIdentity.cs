using Coffer.Storage;
using Coffer.Sync.Media;

namespace Coffer.Sync.Content;

/// <summary>
/// The identity string of a blob item, for twins in a slow sync: the hash of its bytes, and in the device profile also
/// its name. A profile item's name begins with its device (<c>laptop/media/ringtones/bell.mp3</c>), and a profile
/// restored onto a second device holds the same files: matched by content alone, the second device's item would be
/// taken for the first's, and its profile would lose it.
/// </summary>
public static class BlobIdentity
{
    public static string Of(DatastoreKind kind, BlobManifest manifest, string? contentType)
    {
        var content = "blob:" + Convert.ToHexStringLower(manifest.Root);
        return kind == DatastoreKind.Profile ? content + ";name=" + MediaTypes.NameFrom(contentType) : content;
    }
}
