using System.Text;

namespace Coffer.SyncML.Tests.Xml;

/// <summary>DTD attacks, external resolution, size and depth limits, encodings.</summary>
public class XmlSafetyTests
{
    private const string Body = "<SyncML xmlns='SYNCML:SYNCML1.2'><SyncHdr><VerDTD>1.2</VerDTD><VerProto>SyncML/1.2</VerProto><SessionID>1</SessionID><MsgID>1</MsgID><Target><LocURI>s</LocURI></Target><Source><LocURI>{0}</LocURI></Source></SyncHdr><SyncBody><Final/></SyncBody></SyncML>";

    private static string Message(string sourceUri, string prolog = "") => prolog + string.Format(Body, sourceUri);

    [Fact]
    public void Xxe_file_entity_is_rejected_before_expansion()
    {
        var xml = Message("&xxe;", "<?xml version='1.0'?><!DOCTYPE SyncML [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]>");
        var ex = Should.Throw<SyncMLFormatException>(() => SyncMLXml.Parse(xml));
        ex.Message.ShouldContain("DTDs are not allowed");
        ex.Message.ShouldNotContain("root:");
    }

    [Fact]
    public void Billion_laughs_is_rejected()
    {
        var sb = new StringBuilder("<?xml version='1.0'?><!DOCTYPE SyncML [<!ENTITY lol0 'lol'>");
        for (var i = 1; i < 10; i++)
        {
            sb.Append($"<!ENTITY lol{i} '{string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))}'>");
        }

        sb.Append("]>");
        var ex = Should.Throw<SyncMLFormatException>(() => SyncMLXml.Parse(Message("&lol9;", sb.ToString())));
        ex.Message.ShouldContain("DTDs are not allowed");
    }

    [Fact]
    public void Parameter_entity_attack_inside_the_DTD_is_rejected_as_a_DTD()
    {
        var prolog = "<?xml version='1.0'?><!DOCTYPE SyncML [<!ENTITY % a '<!ENTITY b \"x\">'><!ENTITY % p \"%a;%a;\"> %p; ]>";
        var ex = Should.Throw<SyncMLFormatException>(() => SyncMLXml.Parse(Message("x", prolog)));
        ex.Message.ShouldContain("DTDs are not allowed");
    }

    [Fact]
    public void External_DTD_named_by_system_id_is_never_loaded()
    {
        // If the reader fetched this DTD, the entity would be defined and the message would parse.
        var dtd = Path.Combine(Path.GetTempPath(), $"coffer-syncml-{Guid.NewGuid():N}.dtd");
        File.WriteAllText(dtd, "<!ENTITY leak 'SECRET'>");
        try
        {
            var xml = Message("&leak;", $"<?xml version='1.0'?><!DOCTYPE SyncML SYSTEM 'file://{dtd}'>");
            var ex = Should.Throw<SyncMLFormatException>(() => SyncMLXml.Parse(xml));
            ex.Message.ShouldNotContain("SECRET");
        }
        finally
        {
            File.Delete(dtd);
        }
    }

    [Fact]
    public void Doctype_with_public_id_only_is_accepted_and_names_the_version()
    {
        var xml = "<?xml version='1.0'?><!DOCTYPE SyncML PUBLIC '-//SYNCML//DTD SyncML 1.2//EN' 'http://www.openmobilealliance.org/tech/DTD/OMA-TS-SyncML_RepPro_DTD-V1_2.dtd'>"
            + "<SyncML><SyncHdr><VerDTD>9.9</VerDTD><VerProto>SyncML/1.2</VerProto><SessionID>1</SessionID><MsgID>1</MsgID><Target><LocURI>s</LocURI></Target><Source><LocURI>c</LocURI></Source></SyncHdr><SyncBody/></SyncML>";
        SyncMLXml.Parse(xml).Version.ShouldBe(SyncMLVersion.V1_2);
    }

    [Fact]
    public void Oversized_input_is_rejected_for_every_input_form()
    {
        var options = new SyncMLReadOptions { MaxMessageBytes = 100 };
        var xml = Message(new string('a', 200));
        var bytes = Encoding.UTF8.GetBytes(xml);
        Should.Throw<SyncMLFormatException>(() => SyncMLXml.Parse(xml, options)).Message.ShouldContain("limit");
        Should.Throw<SyncMLFormatException>(() => SyncMLXml.Parse(bytes, options)).Message.ShouldContain("limit");
        Should.Throw<SyncMLFormatException>(() => SyncMLXml.Parse(new MemoryStream(bytes), options)).Message.ShouldContain("limit");
        Should.Throw<SyncMLFormatException>(() => SyncMLXml.LoadXDocument(bytes.AsMemory(), options)).Message.ShouldContain("limit");
    }

    [Fact]
    public void A_message_inside_a_larger_buffer_is_read_in_place_as_it_would_be_from_a_copy()
    {
        // The server reads the body into a reused buffer: only the message's own bytes may be seen.
        var bytes = Encoding.UTF8.GetBytes(Message("hello"));
        var buffer = new byte[bytes.Length + 20];
        buffer.AsSpan().Fill((byte)'<');
        bytes.CopyTo(buffer, 7);
        var inPlace = SyncMLXml.LoadXDocument(buffer.AsMemory(7, bytes.Length));
        inPlace.ToString().ShouldBe(SyncMLXml.LoadXDocument(bytes.AsSpan()).ToString());
        SyncMLXml.Read(inPlace).Header.SessionID.ShouldBe(SyncMLXml.Parse(bytes).Header.SessionID);
    }

    [Fact]
    public void Nesting_beyond_the_depth_limit_is_rejected_in_text_and_in_trees()
    {
        var deep = string.Concat(Enumerable.Repeat("<Atomic><CmdID>1</CmdID>", 80)) + string.Concat(Enumerable.Repeat("</Atomic>", 80));
        var xml = Message("c").Replace("<Final/>", deep, StringComparison.Ordinal);
        Should.Throw<SyncMLFormatException>(() => SyncMLXml.Parse(xml)).Message.ShouldContain("nested deeper");

        var tree = SyncMLXml.LoadXDocument(xml, new SyncMLReadOptions { MaxDepth = 1000 });
        Should.Throw<SyncMLFormatException>(() => SyncMLXml.Read(tree)).Message.ShouldContain("nested deeper");
    }

    [Fact]
    public void Latin1_declared_bytes_are_decoded_by_their_declaration()
    {
        var xml = "<?xml version='1.0' encoding='ISO-8859-1'?>" + Message("M\u00fcller");
        var message = SyncMLXml.Parse(Encoding.Latin1.GetBytes(xml));
        message.Header.Source!.LocURI.ShouldBe("M\u00fcller");
    }

    [Fact]
    public void Invalid_utf8_is_a_format_error_with_a_line()
    {
        var bytes = Encoding.UTF8.GetBytes(Message("XX"));
        var at = Array.IndexOf(bytes, (byte)'X');
        bytes[at] = 0xC3;
        bytes[at + 1] = 0x28;
        var ex = Should.Throw<SyncMLFormatException>(() => SyncMLXml.Parse(bytes));
        ex.Message.ShouldStartWith("Malformed XML");
    }

    [Fact]
    public void Malformed_xml_reports_line_and_position()
    {
        var ex = Should.Throw<SyncMLFormatException>(() => SyncMLXml.Parse("<SyncML>\n<SyncHdr>\n</SyncBody>"));
        ex.Position.ShouldBe(3);
        ex.Message.ShouldContain("Line 3");
    }

    [Fact]
    public void Model_error_names_the_element_path_and_line()
    {
        var xml = Message("c").Replace("<Final/>", "<Status><CmdID>1</CmdID><MsgRef>1</MsgRef><CmdRef>0</CmdRef><Cmd>SyncHdr</Cmd>\n<Data>OK</Data></Status>", StringComparison.Ordinal);
        var ex = Should.Throw<SyncMLFormatException>(() => SyncMLXml.Parse(xml));
        ex.Message.ShouldContain("/SyncML/SyncBody/Status/Data");
        ex.Message.ShouldContain("line 2");
        ex.Position.ShouldBe(2);
    }

    [Fact]
    public void MoreElementsThanAllowed_IsALimit_NotASyntaxError()
    {
        var xml = "<SyncML xmlns='SYNCML:SYNCML1.2'><SyncHdr/><SyncBody>" + string.Concat(Enumerable.Repeat("<Add/>", 1000)) + "</SyncBody></SyncML>";

        var e = Should.Throw<SyncMLFormatException>(() => SyncMLXml.LoadXDocument(xml, new SyncMLReadOptions { MaxElements = 500 }));

        e.LimitExceeded.ShouldBeTrue();
        e.Message.ShouldContain("more than 500 elements");
    }

    [Fact]
    public void HeaderOnly_ReadsTheSyncHdrOfAMessageTooBigToRead()
    {
        var xml = "<SyncML xmlns='SYNCML:SYNCML1.2'><SyncHdr><VerDTD>1.2</VerDTD><MsgID>7</MsgID></SyncHdr><SyncBody>" +
            string.Concat(Enumerable.Repeat("<Add/>", 1000)) + "</SyncBody></SyncML>";

        var root = SyncMLXml.LoadXDocument(xml, new SyncMLReadOptions { MaxElements = 10, HeaderOnly = true }).Root!;

        root.Elements().Select(e => e.Name.LocalName).ShouldBe(["SyncHdr"]);
        SyncMLXml.ReadHeader(root.Elements().Single()).MsgID.ShouldBe("7");
    }
}
