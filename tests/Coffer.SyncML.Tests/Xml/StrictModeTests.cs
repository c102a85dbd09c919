namespace Coffer.SyncML.Tests.Xml;

/// <summary>Each quirk real devices send: lenient mode accepts it, strict mode rejects it.</summary>
public class StrictModeTests
{
    private const string Hdr = "<SyncHdr><VerDTD>1.2</VerDTD><VerProto>SyncML/1.2</VerProto><SessionID>1</SessionID><MsgID>1</MsgID><Target><LocURI>s</LocURI></Target><Source><LocURI>c</LocURI></Source>{0}</SyncHdr>";
    private const string StatusOk = "<Status><CmdID>1</CmdID><MsgRef>1</MsgRef><CmdRef>0</CmdRef><Cmd>SyncHdr</Cmd><Data>200</Data></Status>";

    private static string Msg(string body, string hdrExtra = "", string ns = "SYNCML:SYNCML1.2") =>
        $"<SyncML xmlns='{ns}'>{string.Format(Hdr, hdrExtra)}<SyncBody>{body}<Final/></SyncBody></SyncML>";

    private static void LenientOnly(string xml, string strictReason)
    {
        SyncMLXml.Parse(xml).ShouldNotBeNull();
        Should.Throw<SyncMLFormatException>(() => SyncMLXml.Parse(xml, SyncMLReadOptions.StrictDefault)).Message.ShouldContain(strictReason);
    }

    [Fact]
    public void Canonical_message_passes_strict_mode()
    {
        var message = SyncMLXml.Parse(Msg(StatusOk, "<Meta><MaxMsgSize xmlns='syncml:metinf'>1000</MaxMsgSize></Meta>"), SyncMLReadOptions.StrictDefault);
        message.Header.Meta!.MaxMsgSize.ShouldBe(1000);
    }

    [Fact]
    public void Whitespace_around_a_status_code()
    {
        var xml = Msg(StatusOk.Replace("<Data>200</Data>", "<Data>\n 200 \n</Data>", StringComparison.Ordinal));
        ((StatusCommand)SyncMLXml.Parse(xml).Body.Commands[0]).Code.ShouldBe(200);
        LenientOnly(xml, "must be a number");
    }

    [Fact]
    public void Missing_namespace_on_the_message() =>
        LenientOnly(Msg(StatusOk).Replace(" xmlns='SYNCML:SYNCML1.2'", string.Empty, StringComparison.Ordinal), "no namespace");

    [Fact]
    public void Lower_case_namespace()
    {
        var xml = Msg(StatusOk, ns: "syncml:syncml1.2");
        SyncMLXml.Parse(xml).Version.ShouldBe(SyncMLVersion.V1_2);
        LenientOnly(xml, "Unknown SyncML namespace");
    }

    [Fact]
    public void MetInf_element_without_its_namespace()
    {
        var xml = Msg(StatusOk, "<Meta><MaxMsgSize>1000</MaxMsgSize></Meta>");
        SyncMLXml.Parse(xml).Header.Meta!.MaxMsgSize.ShouldBe(1000);
        LenientOnly(xml, "syncml:metinf");
    }

    [Fact]
    public void Unknown_element_is_ignored_only_when_lenient() =>
        LenientOnly(Msg(StatusOk, "<X-Vendor>1</X-Vendor>"), "Unexpected element <X-Vendor>");

    [Fact]
    public void Element_name_in_another_case()
    {
        var xml = Msg(StatusOk.Replace("CmdRef>", "cmdref>", StringComparison.Ordinal));
        ((StatusCommand)SyncMLXml.Parse(xml).Body.Commands[0]).CmdRef.ShouldBe("0");
        LenientOnly(xml, "cmdref");
    }

    [Fact]
    public void Missing_required_element()
    {
        var xml = Msg(StatusOk.Replace("<Cmd>SyncHdr</Cmd>", string.Empty, StringComparison.Ordinal));
        ((StatusCommand)SyncMLXml.Parse(xml).Body.Commands[0]).Cmd.ShouldBeNull();
        LenientOnly(xml, "lacks the required <Cmd>");
    }

    [Fact]
    public void VerDTD_contradicting_the_namespace()
    {
        var xml = Msg(StatusOk, ns: "SYNCML:SYNCML1.1");
        SyncMLXml.Parse(xml).Version.ShouldBe(SyncMLVersion.V1_2, "VerDTD is authoritative when lenient");
        LenientOnly(xml, "does not match the namespace");
    }

    [Fact]
    public void Duplicate_single_element_keeps_the_first_when_lenient()
    {
        var xml = Msg(StatusOk.Replace("<Cmd>SyncHdr</Cmd>", "<Cmd>SyncHdr</Cmd><Cmd>Alert</Cmd>", StringComparison.Ordinal));
        ((StatusCommand)SyncMLXml.Parse(xml).Body.Commands[0]).Cmd.ShouldBe("SyncHdr");
        LenientOnly(xml, "more than once");
    }

    [Fact]
    public void Status_without_code_is_rejected_in_both_modes()
    {
        var xml = Msg(StatusOk.Replace("<Data>200</Data>", string.Empty, StringComparison.Ordinal));
        Should.Throw<SyncMLFormatException>(() => SyncMLXml.Parse(xml)).Message.ShouldContain("no Data");
    }

    [Fact]
    public void Non_numeric_alert_code_is_rejected_in_both_modes()
    {
        var xml = Msg("<Alert><CmdID>1</CmdID><Data>two-way</Data></Alert>");
        Should.Throw<SyncMLFormatException>(() => SyncMLXml.Parse(xml)).Message.ShouldContain("must be a number");
    }
}
