using Coffer.Formats.Rsync;

namespace Coffer.Formats.Tests.Rsync;

public class RsyncPatcherTests
{
    private static readonly byte[] Basis = RsyncSamples.Random(1000, 20);

    [Fact]
    public void Every_literal_and_copy_width_is_read()
    {
        // LITERAL_3, LITERAL_N2 (300 bytes), COPY_N2_N1 (offset 500, 10 bytes), COPY_N1_N2 (offset 0, 256), END.
        var literal = RsyncSamples.Random(300, 21);
        var delta = new List<byte> { 0x72, 0x73, 0x02, 0x36, 0x03, 1, 2, 3, 0x42, 0x01, 0x2c };
        delta.AddRange(literal);
        delta.AddRange([0x49, 0x01, 0xf4, 10, 0x46, 0, 0x01, 0x00, 0x00]);

        var output = Apply([.. delta]);

        output.ShouldBe([1, 2, 3, .. literal, .. Basis.AsSpan(500, 10).ToArray(), .. Basis.AsSpan(0, 256).ToArray()]);
    }

    [Theory]
    [InlineData(new byte[] { 0x72, 0x73, 0x01, 0x36, 0x00 }, "magic")]
    [InlineData(new byte[] { 0x72, 0x73, 0x02, 0x36 }, "before its END")]
    [InlineData(new byte[] { 0x72, 0x73, 0x02, 0x36, 0x05, 1, 2 }, "inside a literal")]
    [InlineData(new byte[] { 0x72, 0x73, 0x02, 0x36, 0x55, 0x00 }, "unknown command 0x55")]
    [InlineData(new byte[] { 0x72, 0x73, 0x02, 0x36, 0x4a, 0x03, 0xe0, 0x00, 0x10, 0x00 }, "outside the basis")]
    [InlineData(new byte[] { 0x72, 0x73, 0x02, 0x36, 0x45, 0x00, 0x00, 0x00 }, "copy of 0 bytes")]
    [InlineData(new byte[] { 0x72, 0x73, 0x02, 0x36, 0x00, 0x00 }, "after the END")]
    public void A_bad_delta_is_refused(byte[] delta, string reason)
    {
        Should.Throw<PimFormatException>(() => Apply(delta)).Message.ShouldContain(reason);
    }

    private static byte[] Apply(byte[] delta)
    {
        using var basis = new MemoryStream(Basis);
        using var output = new MemoryStream();
        RsyncPatcher.Apply(basis, new MemoryStream(delta), output);
        return output.ToArray();
    }
}
