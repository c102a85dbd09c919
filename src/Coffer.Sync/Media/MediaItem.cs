using Coffer.Storage;

namespace Coffer.Sync.Media;

/// <summary>
/// A live item of a binary datastore (mail, SMS, photos, files) as the web pages and the API show it, without its content.
/// </summary>
/// <param name="Name">The path the device gave it (RFC 2231 <c>name*</c> parameter of its content type), else its id.</param>
/// <param name="MediaType">The bare media type: the stored one, or guessed from the name's extension when the device sent octets.</param>
/// <param name="Size">Content length in bytes.</param>
public sealed record MediaItem(string Id, DatastoreKind Kind, string Name, string MediaType, long Size, DateTimeOffset Modified, long Version)
{
    /// <summary>The last segment of <see cref="Name"/>: what a download is called.</summary>
    public string FileName => Name[(Name.LastIndexOf('/') + 1)..] is { Length: > 0 } last ? last : Id;

    public bool IsImage => MediaType.StartsWith("image/", StringComparison.Ordinal);
}
