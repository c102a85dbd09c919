using Coffer.Formats.VCard;

namespace Coffer.Formats.Tests.VCard;

public class VCard40Tests
{
    // RFC 6350 §8 example, plus a data: photo and KIND.
    private const string Rfc6350Example = "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:individual\r\nFN:Simon Perreault\r\n"
        + "N:Perreault;Simon;;;ing. jr,M.Sc.\r\nBDAY:--0203\r\nGENDER:M\r\n"
        + "LANG;PREF=1:fr\r\nLANG;PREF=2:en\r\nORG;TYPE=work:Viagenie\r\n"
        + "ADR;TYPE=work:;Suite D2-630;2875 Laurier;\r\n Quebec;QC;G1V 2M2;Canada\r\n"
        + "TEL;VALUE=uri;TYPE=\"work,voice\";PREF=1:tel:+1-418-656-9254;ext=102\r\n"
        + "TEL;VALUE=uri;TYPE=\"work,cell,voice,video,text\":tel:+1-418-262-6501\r\n"
        + "EMAIL;TYPE=work:simon.perreault@viagenie.ca\r\nGEO;TYPE=work:geo:46.772673,-71.282945\r\n"
        + "KEY;TYPE=work;VALUE=uri:http://www.viagenie.ca/simon.perreault/simon.asc\r\n"
        + "PHOTO:data:image/gif;base64,R0lGODlhAQABAAAAACw=\r\n"
        + "TZ:-0500\r\nURL;TYPE=home:http://nomis80.org\r\nEND:VCARD\r\n";

    [Fact]
    public void Rfc6350_example_parses_with_typed_views()
    {
        var card = VCardParser.Parse(Rfc6350Example, VCardParserOptions.Strict).Single();
        card.Version.ShouldBe(VCardVersion.V4_0);
        card.GetProperty("KIND")!.Value.ShouldBe("individual");
        card.Name!.Suffix.ShouldBe("ing. jr,M.Sc.");
        card.GetProperty("N")!.Values[4].ShouldBe(["ing. jr", "M.Sc."]);
        card.Addresses.Single().Locality.ShouldBe("Quebec");
        card.Telephones[0].Number.ShouldBe("tel:+1-418-656-9254;ext=102");
        card.Telephones[0].Types.ShouldBe(["work", "voice"]);
        card.Telephones[0].IsPreferred.ShouldBeTrue();
        card.Telephones[1].IsPreferred.ShouldBeFalse();
        card.PhotoMediaType.ShouldBe("image/gif");
        card.PhotoBytes!.Take(6).ShouldBe("GIF89a"u8.ToArray());
        card.GetProperty("GEO")!.Values.ShouldBe([["46.772673"], ["-71.282945"]]);
    }

    [Fact]
    public void Converting_40_to_30_maps_pref_tel_uris_geo_and_data_photos()
    {
        var card = VCardParser.Parse(Rfc6350Example).Single();
        var v30 = VCardWriter.Write(card, VCardVersion.V3_0);
        v30.ShouldContain("TEL;TYPE=work,voice,PREF:+1-418-656-9254\\;ext=102\r\n");
        v30.ShouldContain("GEO;TYPE=work:46.772673;-71.282945\r\n");
        v30.ShouldContain("PHOTO;ENCODING=b;TYPE=GIF:R0lGODlhAQABAAAAACw=\r\n");
        v30.ShouldContain("KEY;TYPE=work;VALUE=uri:http://www.viagenie.ca/simon.perreault/simon.asc\r\n");
        v30.ShouldContain("KIND:individual\r\n"); // unknown to 3.0, kept (RFC 2426 §4 allows IANA tokens)

        var back = VCardParser.Parse(VCardWriter.Write(VCardParser.Parse(v30).Single(), VCardVersion.V4_0), VCardParserOptions.Strict).Single();
        back.Telephones[0].IsPreferred.ShouldBeTrue();
        back.PhotoBytes.ShouldBe(card.PhotoBytes);
        back.GetProperty("GEO")!.Values.ShouldBe(card.GetProperty("GEO")!.Values);
    }

    [Fact]
    public void Vcard30_pref_and_binary_become_40_pref_param_and_data_uri()
    {
        const string v30 = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Doe;Jo;;;\r\nFN:Jo Doe\r\nEMAIL;TYPE=INTERNET,PREF:jo@example.org\r\n"
            + "LOGO;ENCODING=b;TYPE=JPEG:/9j/4AAQ\r\nPHOTO;VALUE=uri:http://example.org/jo.jpg\r\nEND:VCARD\r\n";
        var v40 = VCardWriter.Write(VCardParser.Parse(v30, VCardParserOptions.Strict).Single(), VCardVersion.V4_0);
        v40.ShouldContain("EMAIL;TYPE=internet;PREF=1:jo@example.org\r\n");
        v40.ShouldContain("LOGO:data:image/jpeg;base64,/9j/4AAQ\r\n");
        v40.ShouldContain("PHOTO:http://example.org/jo.jpg\r\n");
        v40.ShouldContain("N:Doe;Jo;;;\r\n");
    }
}
