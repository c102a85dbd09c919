using ImageMagick;

namespace Coffer.Sync.Media;

/// <summary>
/// Makes a JPEG thumbnail with Magick.NET (ImageMagick): the image is turned upright as its EXIF orientation says,
/// fitted into a square box, flattened onto white and stripped of every profile and tag (no GPS position leaves in a
/// thumbnail). Bounded: the source size and pixel count are checked first (a ping reads only the header), JPEG is
/// decoded at a reduced scale, ImageMagick's own width, height and memory limits are set, and only
/// <see cref="ThumbnailOptions.MaxConcurrent"/> decodes run at once.
/// </summary>
public sealed class ThumbnailMaker
{
    private readonly ThumbnailOptions options;
    private readonly SemaphoreSlim decoding;

    static ThumbnailMaker()
    {
        // Process-wide ImageMagick limits: a crafted file that claims enormous dimensions fails instead of allocating.
        ResourceLimits.Width = 40_000;
        ResourceLimits.Height = 40_000;
        ResourceLimits.Memory = 512UL << 20;
    }

    public ThumbnailMaker(ThumbnailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        decoding = new SemaphoreSlim(Math.Max(1, options.MaxConcurrent));
    }

    /// <summary>The thumbnail as JPEG, or null when the content is not an image ImageMagick reads or is over the limits.</summary>
    public async Task<byte[]?> MakeAsync(Stream content, long size, ThumbnailSize box, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (size <= 0 || size > options.MaxSourceBytes)
        {
            return null;
        }

        await decoding.WaitAsync(ct);
        try
        {
            var bytes = new byte[size];
            await content.ReadExactlyAsync(bytes, ct);
            return Make(bytes, (int)box);
        }
        finally
        {
            decoding.Release();
        }
    }

    private byte[]? Make(byte[] bytes, int box)
    {
        try
        {
            var info = new MagickImageInfo(bytes);
            if ((long)info.Width * info.Height > options.MaxPixels && info.Format is not (MagickFormat.Jpeg or MagickFormat.Jpg))
            {
                return null;
            }

            var settings = new MagickReadSettings { Format = info.Format };
            if (info.Format is MagickFormat.Jpeg or MagickFormat.Jpg)
            {
                // libjpeg decodes at 1/2, 1/4 or 1/8 scale when asked for a size: a 200-megapixel photo costs what its thumbnail does.
                settings.SetDefine(MagickFormat.Jpeg, "size", $"{box * 2}x{box * 2}");
            }

            // Only the first frame of an animation or a multi-page file.
            settings.FrameIndex = 0;
            settings.FrameCount = 1;
            using var image = new MagickImage(bytes, settings);
            image.AutoOrient();
            image.Thumbnail(new MagickGeometry((uint)box, (uint)box) { Greater = true });
            image.BackgroundColor = MagickColors.White;
            image.Alpha(AlphaAction.Remove);
            image.Strip();
            image.Quality = 82;
            image.Format = MagickFormat.Jpeg;
            return image.ToByteArray();
        }
        catch (MagickException)
        {
            return null;
        }
    }
}
