namespace Coffer.SyncML.Tests.Model;

public class B64DataTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(3 * 1024 * 1024 + 1)]
    public void Decodes_to_the_bytes_whatever_the_padding(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        var text = Convert.ToBase64String(bytes);

        B64Data.Decode(text).ShouldBe(bytes);
        B64Data.Decode(" " + text + "\r\n").ShouldBe(bytes);
    }

    [Fact]
    public void Base64_with_line_breaks_inside_decodes_as_Convert_does()
    {
        var bytes = new byte[300];
        new Random(7).NextBytes(bytes);
        var lines = Convert.ToBase64String(bytes, Base64FormattingOptions.InsertLineBreaks);
        lines.ShouldContain("\r\n");

        B64Data.Decode(lines).ShouldBe(bytes);
        B64Data.Decode(lines.Replace("\r\n", "\n", StringComparison.Ordinal)[..^4] + "\n" + lines[^4..]).ShouldBe(bytes);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("ab=c")]
    [InlineData("====")]
    [InlineData("a!bc")]
    public void Text_that_is_not_base64_is_refused(string text) =>
        Should.Throw<FormatException>(() => B64Data.Decode(text));
}
