using System.Text;
using Coffer.Interop.Tests.Harness;
using Coffer.TestData;

namespace Coffer.Interop.Tests.HarnessTests;

public sealed class TestVCardsTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void GeneratedCards_AreByteIdenticalToTheSharedGenvcardsScript(bool v21)
    {
        var root = Path.Combine(Path.GetTempPath(), "coffer-interop", "genvcards-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            var script = Path.Combine(TestDataPaths.Root, "..", "interop", "genvcards.py");
            var expected = Path.Combine(root, "script");
            var result = ExternalTool.Run("python3", v21 ? [script, "12", expected, "--v21"] : [script, "12", expected], TimeSpan.FromSeconds(30));
            result.ExitCode.ShouldBe(0, result.StdErr);

            var ours = TestVCards.WriteGenerated(Path.Combine(root, "ours"), 12, v21);

            ours.Select(Path.GetFileName).ShouldBe(Directory.GetFiles(expected).Order(StringComparer.Ordinal).Select(Path.GetFileName));
            foreach (var path in ours)
            {
                File.ReadAllBytes(path).ShouldBe(File.ReadAllBytes(Path.Combine(expected, Path.GetFileName(path))), path);
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Theory]
    [InlineData(4)]
    [InlineData(1000)]
    [InlineData(250_001)]
    public void PhotoCard_EmbedsExactlyTheRequestedBytes_FoldedAt75Octets(int size)
    {
        var card = TestVCards.WithPhoto(size, seed: 7);

        card.ShouldStartWith("BEGIN:VCARD\r\nVERSION:3.0\r\n");
        card.ShouldEndWith("END:VCARD\r\n");
        var lines = card.Split("\r\n");
        lines.ShouldAllBe(l => Encoding.UTF8.GetByteCount(l) <= 75);
        var photoStart = Array.FindIndex(lines, l => l.StartsWith("PHOTO;ENCODING=b;TYPE=JPEG:", StringComparison.Ordinal));
        var base64 = new StringBuilder(lines[photoStart]["PHOTO;ENCODING=b;TYPE=JPEG:".Length..]);
        for (var i = photoStart + 1; lines[i].StartsWith(' '); i++)
        {
            base64.Append(lines[i].AsSpan(1));
        }

        var photo = Convert.FromBase64String(base64.ToString());
        photo.Length.ShouldBe(size);
        photo[..2].ShouldBe(new byte[] { 0xFF, 0xD8 });
        photo[^2..].ShouldBe(new byte[] { 0xFF, 0xD9 });
        TestVCards.WithPhoto(size, seed: 7).ShouldBe(card);
        TestVCards.WithPhoto(size, seed: 8).ShouldNotBe(card);
    }
}
