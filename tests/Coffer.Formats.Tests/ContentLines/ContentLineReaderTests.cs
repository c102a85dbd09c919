using Coffer.Formats.ContentLines;

namespace Coffer.Formats.Tests.ContentLines;

public class ContentLineReaderTests
{
    [Fact]
    public void Unfolding_removes_break_and_exactly_one_whitespace_and_reports_first_line()
    {
        var lines = ContentLineReader.Read("BEGIN:VCARD\r\nNOTE:abc\r\n def\r\n\t ghi\r\nEND:VCARD\r\n");
        lines.Count.ShouldBe(3);
        lines[1].Value.ShouldBe("abcdef ghi");
        lines[1].LineNumber.ShouldBe(2);
        lines[2].LineNumber.ShouldBe(5);
    }

    [Fact]
    public void Bare_LF_and_CR_line_ends_are_accepted_like_CRLF()
    {
        var lf = ContentLineReader.Read("A:1\n B\nC:2\n", ContentLineReaderOptions.Strict);
        var cr = ContentLineReader.Read("A:1\r B\rC:2\r", ContentLineReaderOptions.Strict);
        lf.Select(l => l.Name + "=" + l.Value).ShouldBe(["A=1B", "C=2"]);
        cr.Select(l => l.Name + "=" + l.Value).ShouldBe(["A=1B", "C=2"]);
    }

    [Fact]
    public void Quoted_printable_soft_line_break_joins_next_line_verbatim()
    {
        var lines = ContentLineReader.Read("NOTE;ENCODING=QUOTED-PRINTABLE:first =\r\n line=0D=0A=\r\n  second\r\nFN:x\r\n");
        lines.Count.ShouldBe(2);
        lines[0].Value.ShouldBe("first  line=0D=0A  second");
        ContentLineValue.DecodeText(lines[0]).ShouldBe("first  line\r\n  second");
    }

    [Fact]
    public void Trailing_equals_without_quoted_printable_is_not_a_soft_break()
    {
        // eds_contact.vcf "triggers parser bug in Funambol 3.0: trailing = is mistaken for soft line break="
        var lines = ContentLineReader.Read("NOTE:soft line break=\r\nFN:parserbug=\r\n");
        lines.Select(l => l.Value).ShouldBe(["soft line break=", "parserbug="]);
    }

    [Fact]
    public void Loose_quoted_printable_dangling_equals_does_not_swallow_END()
    {
        var roots = ComponentReader.Read("BEGIN:VCARD\r\nNOTE;QUOTED-PRINTABLE:abc=\r\nEND:VCARD\r\n");
        roots.Count.ShouldBe(1);
        roots[0].Properties.Single().Value.ShouldBe("abc=");
    }

    [Fact]
    public void Quoted_parameter_values_keep_commas_colons_and_semicolons()
    {
        var line = ContentLineReader.ParseLine("item1.ADR;LABEL=\"Street 1; Town, A:B\";TYPE=home,work:;;Street", 7, ParserCompliance.Strict)!;
        line.Group.ShouldBe("item1");
        line.Name.ShouldBe("ADR");
        line.GetParameterValues("LABEL").ShouldBe(["Street 1; Town, A:B"]);
        line.GetParameterValues("TYPE").ShouldBe(["home", "work"]);
        line.Value.ShouldBe(";;Street");
        line.LineNumber.ShouldBe(7);
    }

    [Fact]
    public void Bare_vcard21_parameters_are_typed_and_written_back_bare()
    {
        var line = ContentLineReader.ParseLine("tel;HOME;VOICE;ENCODING=QUOTED-PRINTABLE;charset=UTF-8:+1")!;
        line.Name.ShouldBe("TEL");
        line.Parameters[0].IsBare.ShouldBeTrue();
        line.GetParameterValues("TYPE").ShouldBe(["HOME", "VOICE"]);
        line.IsQuotedPrintable.ShouldBeTrue();
        line.GetParameter("charset").ShouldBe("UTF-8");
        ContentLineWriter.FormatUnfolded(line).ShouldBe("TEL;HOME;VOICE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:+1");
    }

    [Theory]
    [InlineData("NO COLON HERE")]
    [InlineData(":value")]
    [InlineData("NA ME:x")]
    [InlineData("X;P=\"unterminated:x")]
    [InlineData("X;=v:x")]
    [InlineData("X:a\u0001b")]
    public void Strict_rejects_malformed_lines_with_line_number(string text)
    {
        var ex = Should.Throw<PimFormatException>(() => ContentLineReader.Read("A:1\r\n" + text + "\r\n", ContentLineReaderOptions.Strict));
        ex.Line.ShouldBe(2);
        ContentLineReader.Read("A:1\r\n" + text + "\r\n").ShouldNotBeEmpty();
    }

    [Fact]
    public void Loose_joins_unindented_base64_lines_after_a_base64_property()
    {
        var lines = ContentLineReader.Read("PHOTO;ENCODING=BASE64;TYPE=GIF:\r\nAAEC\r\nAwQF\r\n\r\nEND:VCARD\r\n");
        ContentLineValue.DecodeBinary(lines[0]).ShouldBe(new byte[] { 0, 1, 2, 3, 4, 5 });
        lines[1].Name.ShouldBe("END");
    }

    [Fact]
    public void Shift_JIS_bytes_are_decoded_with_their_CHARSET_even_when_a_trail_byte_is_a_backslash()
    {
        // "表示" in Shift_JIS is 95 5C 8E A6: the 0x5C trail byte looks like '\' to a byte-wise unescaper.
        var text = "表示;x";
        var sjis = ContentLineCharsets.Find("Shift_JIS")!;
        var bytes = new List<byte>();
        bytes.AddRange("NOTE;CHARSET=SHIFT_JIS:"u8.ToArray());
        bytes.AddRange(sjis.GetBytes(TextEscaping.Escape(text, EscapeStyle.Legacy)));
        bytes.AddRange("\r\nFN:caf\u00e9\r\n"u8.ToArray());
        bytes.AddRange("X-L1;CHARSET=ISO-8859-1:caf"u8.ToArray());
        bytes.Add(0xE9);
        bytes.AddRange("\r\n"u8.ToArray());
        bytes.Skip(23).Take(2).ShouldBe(new byte[] { 0x95, 0x5C });

        var lines = ContentLineReader.Read(bytes.ToArray(), ContentLineReaderOptions.Strict);
        TextEscaping.Unescape(lines[0].Value, EscapeStyle.Legacy).ShouldBe(text);
        lines[1].Value.ShouldBe("café");
        lines[2].Value.ShouldBe("café");
    }

    [Fact]
    public void Unlabelled_8bit_text_is_a_strict_error_and_a_loose_fallback()
    {
        byte[] bytes = [.. "FN:caf"u8, 0xE9, .. "\r\n"u8];
        Should.Throw<PimFormatException>(() => ContentLineReader.Read(bytes, ContentLineReaderOptions.Strict));
        ContentLineReader.Read(bytes)[0].Value.ShouldBe("café");
    }

    [Fact]
    public void Quoted_printable_with_charset_decodes_through_that_charset()
    {
        var line = ContentLineReader.ParseLine("N;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:M=FCller;J=F6rg")!;
        StructuredValue.Split(ContentLineValue.DecodeText(line), EscapeStyle.Legacy)
            .Select(c => c[0]).ShouldBe(["Müller", "Jörg"]);
    }
}
