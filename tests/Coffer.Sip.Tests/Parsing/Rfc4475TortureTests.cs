using Coffer.Sip.Message;
using Coffer.Sip.Parsing;

namespace Coffer.Sip.Tests.Parsing;

public class Rfc4475TortureTests
{
    private static readonly SipMessageParser Strict = new(SipCompliance.Strict);
    private static readonly SipMessageParser Loose = new(SipCompliance.Loose);

    public static TheoryData<string> ValidNames => new(TortureMessages.Valid);

    public static TheoryData<string, int, bool> InvalidCases()
    {
        var data = new TheoryData<string, int, bool>();
        foreach (var (name, status, loose) in TortureMessages.Invalid)
        {
            data.Add(name, status, loose);
        }
        return data;
    }

    [Fact]
    public void Every_message_of_the_archive_has_an_expected_outcome()
    {
        var files = Directory.GetFiles(GoldenFiles.Directory("rfc4475"), "*.dat").Select(Path.GetFileNameWithoutExtension).Order();
        var listed = TortureMessages.Valid.Concat(TortureMessages.Invalid.Select(i => i.Name)).Order();
        listed.ShouldBe(files);
        files.Count().ShouldBe(49);
    }

    [Theory]
    [MemberData(nameof(ValidNames))]
    public void Valid_messages_parse_in_both_modes_and_survive_a_round_trip(string name)
    {
        var bytes = Read(name);
        foreach (var parser in new[] { Strict, Loose })
        {
            var message = parser.Parse(bytes);
            var again = Strict.Parse(SipMessageSerializer.Serialize(message));
            again.StartLine.ShouldBe(message.StartLine);
            again.Headers.Where(h => h.Name != HeaderNames.ContentLength)
                .ShouldBe(message.Headers.Where(h => h.Name != HeaderNames.ContentLength));
            again.Body.ShouldBe(message.Body);
        }
    }

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Invalid_messages_are_refused_in_Strict_with_the_response_of_section_3(string name, int status, bool looseAccepts)
    {
        var bytes = Read(name);
        var error = Should.Throw<SipParseException>(() => Strict.Parse(bytes));
        error.Message.ShouldNotBeNullOrWhiteSpace();
        var isResponse = bytes.AsSpan().StartsWith("SIP/"u8);
        if (isResponse)
        {
            status.ShouldBe(0);
        }
        else
        {
            error.StatusCode.ShouldBe(status);
        }
        Loose.TryParse(bytes, out var message, out _).ShouldBe(looseAccepts);
        if (looseAccepts)
        {
            // What Loose accepted is written back in the Strict grammar.
            Strict.Parse(SipMessageSerializer.Serialize(message!)).StartLine.ShouldBe(message!.StartLine);
        }
    }

    [Fact]
    public void A_short_tortuous_invite_yields_its_values()
    {
        var request = (SipRequest)Strict.Parse(Read("wsinv"));
        request.Method.ShouldBe("INVITE");
        request.Uri.User.ShouldBe("vivekg");
        request.Uri.Parameters.Has("unknownparam").ShouldBeTrue();
        request.To!.Tag.ShouldBe("1918181833n");
        request.From!.DisplayName.ShouldBe("J Rosenberg \\\"");
        request.From.Tag.ShouldBe("98asjd8");
        request.MaxForwards.ShouldBe(68);
        request.CSeq.ShouldBe(new SipCSeq(9, "INVITE"));
        var via = request.Vias;
        via.Count.ShouldBe(3);
        via[0].Transport.ShouldBe("UDP");
        via[0].Host.ShouldBe("192.0.2.2");
        via[0].Branch.ShouldBe("390skdjuw");
        via[0].HasRfc3261Branch.ShouldBeFalse();
        via[1].Transport.ShouldBe("TCP");
        via[1].Host.ShouldBe("spindle.example.com");
        via[1].Branch.ShouldBe("z9hG4bK9ikj8");
        via[1].HasRfc3261Branch.ShouldBeTrue();
        request.Headers.First(HeaderNames.Subject).ShouldBe("");
        request.Headers.First("NewFangledHeader").ShouldBe("newfangled value continued newfangled value");
        request.Headers.First("UnknownHeaderWithUnusualValue").ShouldBe(";;,,;;,;");
        request.Headers.Values(HeaderNames.Route).Single().ShouldBe("<sip:services.example.com;lr;unknownwith=value;unknown-no-value>");
        request.Contacts.Single().Parameters.Get("q").ShouldBe("0.33");
        request.Contacts.Single().DisplayName.ShouldBe("Quoted string \"\"");
        request.Body.Length.ShouldBe(150);
    }

    [Fact]
    public void Escapes_stay_as_written_and_unescape_to_their_octets()
    {
        var esc01 = (SipRequest)Strict.Parse(Read("esc01"));
        esc01.Uri.User.ShouldBe("sips%3Auser%40example.com");
        SipUri.Unescape(esc01.Uri.User!).ShouldBe("sips:user@example.com");
        var escnull = Strict.Parse(Read("escnull"));
        SipUri.Unescape(escnull.To!.Uri.User!).ShouldBe("null-\0-null");
        var esc02 = (SipRequest)Strict.Parse(Read("esc02"));
        esc02.Method.ShouldBe("RE%47IST%45R");
        // C%6Fntact is an unknown header field, not Contact (§7.3.1: names are not unescaped).
        esc02.Contacts.Count.ShouldBe(2);
    }

    [Fact]
    public void Extra_octets_after_Content_Length_in_a_datagram_are_discarded()
    {
        var request = (SipRequest)Strict.Parse(Read("dblreq"));
        request.Method.ShouldBe("REGISTER");
        request.Body.ShouldBeEmpty();
    }

    [Fact]
    public void Loose_drops_headers_of_a_Request_URI_and_trims_spaces_inside_brackets()
    {
        var escruri = (SipRequest)Loose.Parse(Read("escruri"));
        escruri.Uri.Headers.ShouldBeEmpty();
        escruri.Uri.ToString().ShouldBe("sip:user@example.com");
        var badaspec = Loose.Parse(Read("badaspec"));
        badaspec.Headers.First(HeaderNames.To).ShouldBe("\"Watson, Thomas\" <sip:t.watson@example.org>");
    }

    [Fact]
    public void Unknown_schemes_are_kept_opaque()
    {
        var unkscm = (SipRequest)Strict.Parse(Read("unkscm"));
        unkscm.Uri.IsSip.ShouldBeFalse();
        unkscm.Uri.Scheme.ShouldBe("nobodyKnowsThisScheme");
        unkscm.Uri.ToString().ShouldBe("nobodyKnowsThisScheme:totallyopaquecontent");
        var unksm2 = Strict.Parse(Read("unksm2"));
        unksm2.To!.Uri.Scheme.ShouldBe("isbn");
        unksm2.From!.Uri.Opaque.ShouldBe("//www.example.com");
    }

    [Fact]
    public void An_unknown_authorization_scheme_is_kept_whole()
    {
        var request = Strict.Parse(Read("regaut01"));
        request.Headers.First(HeaderNames.Authorization).ShouldBe("NoOneKnowsThisScheme opaque-data=here");
    }

    private static byte[] Read(string name) => GoldenFiles.Read("rfc4475", name + ".dat");
}
