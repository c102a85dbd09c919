namespace Coffer.Sync.Media;

/// <summary>The two renderings of an image: a gallery tile and a screen-sized view (which also shows formats browsers cannot, such as HEIC).</summary>
public enum ThumbnailSize
{
    Small = 256,
    Large = 1600,
}
