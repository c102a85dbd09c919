using Coffer.Sync.Media;
using ImageMagick;

namespace Coffer.Sync.Tests.Media;

public sealed class ThumbnailMakerTests
{
    [Fact]
    public async Task A_photo_is_turned_upright_fitted_and_stripped_of_its_metadata()
    {
        var photo = Image(MagickFormat.Jpeg, 1200, 600, orientation: 6, withGps: true);
        var made = await new ThumbnailMaker(new ThumbnailOptions()).MakeAsync(new MemoryStream(photo), photo.Length, ThumbnailSize.Small);

        using var thumbnail = new MagickImage(made!);
        (thumbnail.Format, thumbnail.Width, thumbnail.Height).ShouldBe((MagickFormat.Jpeg, 128u, 256u));
        thumbnail.GetExifProfile().ShouldBeNull();
    }

    [Fact]
    public async Task A_small_image_is_not_enlarged_and_alpha_becomes_white()
    {
        using var image = new MagickImage(MagickColors.Transparent, 40, 20) { Format = MagickFormat.Png };
        var png = image.ToByteArray();
        var made = await new ThumbnailMaker(new ThumbnailOptions()).MakeAsync(new MemoryStream(png), png.Length, ThumbnailSize.Large);

        using var thumbnail = new MagickImage(made!);
        (thumbnail.Width, thumbnail.Height).ShouldBe((40u, 20u));
        thumbnail.GetPixels().GetPixel(5, 5).ToColor()!.ToHexString().ShouldBe("#FFFFFF");
    }

    [Fact]
    public async Task What_is_no_image_or_over_the_limits_is_not_decoded()
    {
        var maker = new ThumbnailMaker(new ThumbnailOptions { MaxPixels = 10_000, MaxSourceBytes = 100_000 });
        var text = "not a picture at all"u8.ToArray();
        (await maker.MakeAsync(new MemoryStream(text), text.Length, ThumbnailSize.Small)).ShouldBeNull();

        // 200 × 100 PNG = 20,000 pixels: over MaxPixels; a JPEG of the same size is decoded at reduced scale instead.
        var png = Image(MagickFormat.Png, 200, 100);
        (await maker.MakeAsync(new MemoryStream(png), png.Length, ThumbnailSize.Small)).ShouldBeNull();
        var jpeg = Image(MagickFormat.Jpeg, 200, 100);
        (await maker.MakeAsync(new MemoryStream(jpeg), jpeg.Length, ThumbnailSize.Small)).ShouldNotBeNull();

        var large = new byte[100_001];
        (await maker.MakeAsync(new MemoryStream(large), large.Length, ThumbnailSize.Small)).ShouldBeNull();
    }

    private static byte[] Image(MagickFormat format, uint width, uint height, ushort? orientation = null, bool withGps = false)
    {
        using var image = new MagickImage(new MagickColor("#3366aa"), width, height) { Format = format };
        if (orientation != null || withGps)
        {
            var exif = new ExifProfile();
            if (withGps)
            {
                exif.SetValue(ExifTag.GPSLatitudeRef, "N");
            }

            if (orientation is { } value)
            {
                exif.SetValue(ExifTag.Orientation, value);
                image.Orientation = (Orientation)value;
            }

            image.SetProfile(exif);
        }

        return image.ToByteArray();
    }
}
