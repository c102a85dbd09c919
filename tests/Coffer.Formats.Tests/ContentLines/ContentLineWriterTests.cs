using System.Text;
using Coffer.Formats.ContentLines;

namespace Coffer.Formats.Tests.ContentLines;

public class ContentLineWriterTests
{
    private static readonly string[] Alphabet = ["a", " ", "é", "€", "日", "😀", ";", ",", "\\", ":", "\"", "Z"];

    [Fact]
    public void Folding_never_passes_75_octets_nor_splits_a_character_and_unfolds_to_the_original()
    {
        var random = new Random(4711);
        for (var n = 0; n < 300; n++)
        {
            var sb = new StringBuilder();
            var len = random.Next(0, 200);
            for (var i = 0; i < len; i++)
            {
                sb.Append(Alphabet[random.Next(Alphabet.Length)]);
            }

            var line = new ContentLine("NOTE", sb.ToString(), new ContentLineParameter("X-P", "a,b", "c"));
            var text = ContentLineWriter.Write([line]);
            foreach (var physical in text.Split("\r\n")[..^1])
            {
                if (Encoding.UTF8.GetByteCount(physical) > 75 || physical.EnumerateRunes().Any(r => r == Rune.ReplacementChar))
                {
                    Assert.Fail("bad fold: " + physical);
                }
            }

            var back = ContentLineReader.Read(text, ContentLineReaderOptions.Strict).Single();
            back.Value.ShouldBe(line.Value);
            back.GetParameterValues("X-P").ShouldBe(["a,b", "c"]);
        }
    }

    [Fact]
    public void Quoted_printable_lines_use_soft_breaks_that_never_split_an_octet_triplet()
    {
        var random = new Random(17);
        for (var n = 0; n < 200; n++)
        {
            var bytes = new byte[random.Next(0, 300)];
            random.NextBytes(bytes);
            var line = new ContentLine("NOTE", QuotedPrintable.Encode(bytes), new ContentLineParameter(null, "QUOTED-PRINTABLE"));
            var text = ContentLineWriter.Write([line]);
            foreach (var physical in text.Split("\r\n")[..^1])
            {
                physical.Length.ShouldBeLessThanOrEqualTo(75);
            }

            var back = ContentLineReader.Read(text, ContentLineReaderOptions.Strict).Single();
            QuotedPrintable.Decode(back.Value, ParserCompliance.Strict).ShouldBe(bytes);
        }
    }

    [Fact]
    public void Quoted_printable_continuation_lines_never_start_with_whitespace()
    {
        var text = string.Concat(Enumerable.Repeat("word ", 60)) + string.Concat(Enumerable.Repeat("tab\t", 40));
        var line = new ContentLine("NOTE", QuotedPrintable.Encode(text), new ContentLineParameter("ENCODING", "QUOTED-PRINTABLE"));
        var written = ContentLineWriter.Write([line]);
        written.Split("\r\n").Skip(1).ShouldAllBe(l => l.Length == 0 || (l[0] != ' ' && l[0] != '\t'));
        ContentLineValue.DecodeText(ContentLineReader.Read(written).Single()).ShouldBe(text);
    }

    [Fact]
    public void Quoted_printable_encodes_trailing_whitespace_and_equals()
    {
        QuotedPrintable.Encode("a = b \r\nc\t"u8).ShouldBe("a =3D b=20=0D=0Ac=09");
        QuotedPrintable.Decode("a=\r\nb=\nc=3d").ShouldBe("abc="u8.ToArray());
        Should.Throw<PimFormatException>(() => QuotedPrintable.Decode("a=XY", ParserCompliance.Strict));
        QuotedPrintable.Decode("a=XY").ShouldBe("a=XY"u8.ToArray());
    }

    [Fact]
    public void Legacy_base64_layout_starts_on_own_line_and_ends_with_a_blank_line()
    {
        var bytes = Enumerable.Range(0, 200).Select(i => (byte)i).ToArray();
        var line = new ContentLine("PHOTO", Base64Value.Encode(bytes), new ContentLineParameter("ENCODING", "BASE64"), new ContentLineParameter(null, "GIF"));
        var text = ContentLineWriter.Write([line, new ContentLine("END", "VCARD")], new ContentLineWriterOptions { LegacyBase64Layout = true });
        text.ShouldStartWith("PHOTO;ENCODING=BASE64;GIF:\r\n  ");
        text.ShouldEndWith("\r\n\r\nEND:VCARD\r\n");
        var back = ContentLineReader.Read(text, ContentLineReaderOptions.Strict);
        back.Count.ShouldBe(2);
        Base64Value.Decode(back[0].Value, ParserCompliance.Strict).ShouldBe(bytes);
    }

    [Fact]
    public void Parameter_values_with_delimiters_are_quoted_and_dquotes_cannot_leak()
    {
        var line = new ContentLine("X", "v", new ContentLineParameter("P", "a:b", "say \"hi\""));
        ContentLineWriter.FormatUnfolded(line).ShouldBe("X;P=\"a:b\",say 'hi':v");
    }
}
