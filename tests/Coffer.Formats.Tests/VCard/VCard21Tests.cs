using System.Text;
using Coffer.Formats.ContentLines;
using Coffer.Formats.VCard;
using Coffer.TestData;

namespace Coffer.Formats.Tests.VCard;

public class VCard21Tests
{
    [Fact]
    public void Quoted_printable_with_soft_line_breaks_and_utf8_charset_decodes()
    {
        // As Nokia/Sony Ericsson phones send it: bare types, QP with soft breaks, a continuation starting with a space.
        const string text = "BEGIN:VCARD\r\nVERSION:2.1\r\n"
            + "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=B6rg\r\n"
            + "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=B6rg M=C3=BCller\r\n"
            + "NOTE;ENCODING=QUOTED-PRINTABLE:Line one=0D=0A=\r\nLine two is long=\r\n and continues\\; ok\r\n"
            + "TEL;HOME;VOICE;PREF:+49 30 1234\r\n"
            + "ADR;WORK;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:;;Stra=C3=9Fe 1;Berlin;;10115;=\r\nDeutschland\r\n"
            + "END:VCARD\r\n";
        var card = VCardParser.Parse(text, VCardParserOptions.Strict).Single();
        card.Version.ShouldBe(VCardVersion.V2_1);
        card.Name!.Family.ShouldBe("Müller");
        card.Name.Given.ShouldBe("Jörg");
        card.FormattedName.ShouldBe("Jörg Müller");
        card.Note.ShouldBe("Line one\nLine two is long and continues; ok");
        card.Telephones.Single().ShouldBe(new VCardTelephone("+49 30 1234", ["HOME", "VOICE", "PREF"], true), new TelephoneComparer());
        card.Addresses.Single().Street.ShouldBe("Straße 1");
        card.Addresses.Single().Country.ShouldBe("Deutschland");
        card.Addresses.Single().Types.ShouldBe(["WORK"]);

        var written = VCardWriter.Write(card, VCardVersion.V2_1);
        written.ShouldContain("N;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:M=C3=BCller;J=C3=B6rg\r\n");
        written.ShouldContain("TEL;HOME;VOICE;PREF:+49 30 1234\r\n");
        written.ShouldContain("NOTE;ENCODING=QUOTED-PRINTABLE:Line one=0D=0ALine two");
        written.All(c => c < 0x80).ShouldBeTrue();
        VCardVectors.ModelFingerprints(VCardParser.Parse(written, VCardParserOptions.Strict).Single()).ShouldBe(VCardVectors.ModelFingerprints(card));
    }

    [Fact]
    public void Shift_JIS_bytes_decode_by_charset_including_0x5C_trail_bytes()
    {
        var sjis = ContentLineCharsets.Find("SHIFT_JIS")!;
        var bytes = new List<byte>();
        void Ascii(string s) => bytes.AddRange(Encoding.ASCII.GetBytes(s));
        Ascii("BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=SHIFT_JIS:");
        bytes.AddRange(sjis.GetBytes("山田;表示"));
        Ascii("\r\nNOTE;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:");
        Ascii(QuotedPrintable.Encode(sjis.GetBytes("ソフト\r\n能力")));
        Ascii("\r\nTEL;CELL:090-1234-5678\r\nEND:VCARD\r\n");
        var raw = bytes.ToArray();
        raw.AsSpan().IndexOf([(byte)0x95, (byte)0x5C]).ShouldBeGreaterThan(0); // "表" really ends in a backslash byte

        var card = VCardParser.Parse(raw, VCardParserOptions.Strict).Single();
        card.Name!.Family.ShouldBe("山田");
        card.Name.Given.ShouldBe("表示");
        card.Note.ShouldBe("ソフト\n能力");

        var back = VCardParser.Parse(VCardWriter.Write(card, VCardVersion.V2_1), VCardParserOptions.Strict).Single();
        back.Name!.Given.ShouldBe("表示");
        back.Note.ShouldBe("ソフト\n能力");
    }

    [Theory]
    [InlineData(VCardVersion.V2_1)]
    [InlineData(VCardVersion.V3_0)]
    [InlineData(VCardVersion.V4_0)]
    public void Photo_of_local_png_round_trips_byte_for_byte(VCardVersion version)
    {
        var png = File.ReadAllBytes(TestDataPaths.Path("syncevolution-testcases", "local.png"));
        var card = new Coffer.Formats.VCard.VCard { Version = version, FormattedName = "Photo", Name = new VCardName("Photo", "P", "", "", "") };
        card.SetPhoto(png, "image/png");
        var text = VCardWriter.Write(card);
        var back = VCardParser.Parse(text, VCardParserOptions.Strict).Single();
        back.PhotoBytes.ShouldBe(png);
        back.PhotoMediaType.ShouldBe("image/png");
        switch (version)
        {
            case VCardVersion.V2_1:
                text.ShouldContain("PHOTO;ENCODING=BASE64;PNG:\r\n  iVBOR");
                text.ShouldContain("\r\n\r\nEND:VCARD"); // vCard 2.1 §2.1.3 blank line after base64
                break;
            case VCardVersion.V3_0:
                text.ShouldContain("PHOTO;ENCODING=b;TYPE=PNG:iVBOR");
                break;
            default:
                text.ShouldContain("PHOTO:data:image/png;base64,iVBOR");
                break;
        }
    }

    [Fact]
    public void Phone_style_photo_without_indent_parses_loose()
    {
        var png = File.ReadAllBytes(TestDataPaths.Path("syncevolution-testcases", "local.png"));
        var b64 = Convert.ToBase64String(png);
        var lines = string.Join("\r\n", b64.Chunk(64).Select(c => new string(c)));
        var text = "BEGIN:VCARD\r\nVERSION:2.1\r\nN:X\r\nPHOTO;TYPE=PNG;ENCODING=BASE64:\r\n" + lines + "\r\n\r\nEND:VCARD\r\n";
        VCardParser.Parse(text).Single().PhotoBytes.ShouldBe(png);
        Should.Throw<PimFormatException>(() => VCardParser.Parse(text, VCardParserOptions.Strict));
    }

    private sealed class TelephoneComparer : IEqualityComparer<VCardTelephone>
    {
        public bool Equals(VCardTelephone? x, VCardTelephone? y) =>
            x is not null && y is not null && x.Number == y.Number && x.IsPreferred == y.IsPreferred && x.Types.SequenceEqual(y.Types);

        public int GetHashCode(VCardTelephone obj) => obj.Number.GetHashCode(StringComparison.Ordinal);
    }
}
