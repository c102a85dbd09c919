using Coffer.TestData;

namespace Coffer.SyncML.Tests.Xml;

/// <summary>Complete recorded sessions of real devices (P900 SyncML 1.0, Funambol, Sync4j, Synthesis) and Horde's answers.</summary>
public class HordeSessionTests
{
    public static TheoryData<string> Messages() => TestDataPaths.Theory("horde-sessions", "syncml_*.xml", recursive: true);

    [Theory]
    [MemberData(nameof(Messages))]
    public void Message_parses_keeps_its_meaning_and_is_stable(string file)
    {
        var message = RoundTrip.AssertKeepsMeaning(RoundTrip.Read(file), file);
        message.Header.MsgID.ShouldNotBeNullOrEmpty();
        RoundTrip.AssertStable(message);
    }

    [Fact]
    public void P900_speaks_SyncML_1_0_with_devinf_put_and_anchored_alert()
    {
        var message = SyncMLXml.Parse(RoundTrip.Read("horde-sessions/testcase_P900_tasksandcalendar/syncml_client_10.xml"));
        message.Version.ShouldBe(SyncMLVersion.V1_0);
        message.Header.Cred!.Meta!.Type.ShouldBe("syncml:auth-basic");
        message.Header.Meta!.MaxMsgSize.ShouldBe(200000);

        var put = message.Body.Commands.OfType<PutCommand>().Single();
        put.Items[0].Data!.Element!.Name.ShouldBe(SyncMLNamespaces.DevInf + "DevInf");

        var alert = message.Body.Commands.OfType<AlertCommand>().Single();
        alert.Code.ShouldBe(AlertCode.TwoWay);
        alert.Items[0].Meta!.Anchor!.Last.ShouldBe("20061222T204212Z");
        alert.Items[0].Meta!.Anchor!.Next.ShouldBe("20061222T205323Z");
        message.Body.Final.ShouldBeTrue();
    }

    [Fact]
    public void Status_answering_an_alert_carries_the_anchor_element_as_item_data()
    {
        var message = SyncMLXml.Parse(RoundTrip.Read("horde-sessions/testcase_P900_tasksandcalendar/syncml_client_11.xml"));
        var status = message.Body.Commands.OfType<StatusCommand>().Single(s => s.Cmd == "Alert");
        status.Code.ShouldBe(StatusCode.Ok);
        var anchor = status.Items[0].Data!.Element!;
        anchor.Name.ShouldBe(SyncMLNamespaces.MetInf + "Anchor");
        anchor.Value.ShouldBe("1167761196");
    }
}
