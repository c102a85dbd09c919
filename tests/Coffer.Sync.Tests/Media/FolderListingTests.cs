using Coffer.Storage;
using Coffer.Sync.Media;

namespace Coffer.Sync.Tests.Media;

public sealed class FolderListingTests
{
    [Fact]
    public void A_folder_lists_its_subfolders_with_counts_and_its_own_files()
    {
        MediaItem[] items = [Item("reports/2026/q3.bin"), Item("reports/summary.txt"), Item("reports/2026/q4.bin"), Item("reports/Zeta/x")];
        var listing = FolderListing.Of("reports/", items);

        listing.Folders.ShouldBe([("2026", 2), ("Zeta", 1)]);
        listing.Files.Select(f => f.Name).ShouldBe(["reports/summary.txt"]);
        listing.Parent.ShouldBe(string.Empty);
        FolderListing.Of("reports/2026/", items.Where(i => i.Name.StartsWith("reports/2026/", StringComparison.Ordinal))).Parent.ShouldBe("reports/");
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("/", "")]
    [InlineData("a/b", "a/b/")]
    [InlineData("/a/b/", "a/b/")]
    public void Paths_are_normalized(string? path, string expected) => FolderListing.Normalize(path).ShouldBe(expected);

    [Theory]
    [InlineData("application/octet-stream; name*=UTF-8''DCIM%2FIMG_1.JPG", "DCIM/IMG_1.JPG", "image/jpeg")]
    [InlineData("image/heic; name*=UTF-8''a%20b.heic", "a b.heic", "image/heic")]
    [InlineData("application/octet-stream; name=\"report.pdf\"", "report.pdf", "application/pdf")]
    [InlineData("application/octet-stream", null, "application/octet-stream")]
    public void Names_and_media_types_come_from_the_content_type(string contentType, string? name, string mediaType)
    {
        MediaTypes.NameFrom(contentType).ShouldBe(name);
        MediaTypes.Of(contentType, name).ShouldBe(mediaType);
    }

    private static MediaItem Item(string name) => new(Guid.NewGuid().ToString(), DatastoreKind.Files, name, "application/octet-stream", 1, DateTimeOffset.UnixEpoch, 1);
}
