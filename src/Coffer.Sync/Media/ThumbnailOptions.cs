namespace Coffer.Sync.Media;

/// <summary>Limits of thumbnail making (<c>Coffer:Thumbnails</c>): what is decoded at all, how much at once, how much is kept.</summary>
public sealed class ThumbnailOptions
{
    /// <summary>Content larger than this is not decoded (it is read whole into memory to decode).</summary>
    public long MaxSourceBytes { get; set; } = 64L << 20;

    /// <summary>
    /// Images with more pixels than this are not decoded; JPEG is decoded at a reduced scale near the thumbnail's size,
    /// so only other formats ever need their full pixel count in memory (4 bytes a pixel at 8 bits a channel).
    /// </summary>
    public long MaxPixels { get; set; } = 50_000_000;

    /// <summary>Decodes at the same time (each may take MaxSourceBytes plus MaxPixels × 4 bytes).</summary>
    public int MaxConcurrent { get; set; } = 2;

    /// <summary>Bytes of finished thumbnails kept in memory (never on disk: they are the user's pictures).</summary>
    public long CacheBytes { get; set; } = 32L << 20;
}
