using Coffer.SyncML.Dm;

namespace Coffer.SyncML.Tests.Dm;

public class DmConstantsTests
{
    [Fact]
    public void Alert_codes_are_the_dm_protocol_table()
    {
        int[] codes =
        [
            DmAlertCode.Display, DmAlertCode.Confirm, DmAlertCode.TextInput, DmAlertCode.SingleChoice, DmAlertCode.MultipleChoice,
            DmAlertCode.ServerInitiatedMgmt, DmAlertCode.ClientInitiatedMgmt, DmAlertCode.NextMessage, DmAlertCode.SessionAbort,
            DmAlertCode.ClientEvent, DmAlertCode.NoEndOfData, DmAlertCode.GenericAlert,
        ];
        codes.ShouldBe([1100, 1101, 1102, 1103, 1104, 1200, 1201, 1222, 1223, 1224, 1225, 1226]);
        codes.Count(DmAlertCode.IsUserInteraction).ShouldBe(5);
    }

    [Theory]
    [InlineData("DM/1.2", true)]
    [InlineData(" dm/1.2 ", true)]
    [InlineData("SyncML/1.2", false)]
    [InlineData(null, false)]
    public void VerProto_is_recognised(string? verProto, bool dm) => DmVersion.IsDm12(verProto).ShouldBe(dm);

    [Theory]
    [InlineData("application/vnd.syncml.dm+wbxml", true, true)]
    [InlineData("application/vnd.syncml.dm+xml; charset=UTF-8", true, false)]
    [InlineData("Application/Vnd.SyncML.DM+XML", true, false)]
    [InlineData("application/vnd.syncml+xml", false, false)]
    [InlineData(null, false, false)]
    public void Media_types_are_recognised(string? type, bool dm, bool wbxml)
    {
        DmVersion.IsDmMediaType(type, out var isWbxml).ShouldBe(dm);
        isWbxml.ShouldBe(wbxml);
    }

    [Fact]
    public void Formats_are_the_tnd_list_and_chr_is_the_default()
    {
        DmFormat.Values.ShouldBe(["node", "chr", "int", "bool", "bin", "b64", "xml", "null", "date", "time", "float"]);
        DmFormat.IsKnown("node").ShouldBeTrue();
        DmFormat.IsKnown("NODE").ShouldBeFalse();
        DmFormat.OrDefault(null).ShouldBe("chr");
        DmFormat.OrDefault("bin").ShouldBe("bin");
    }

    [Fact]
    public void Status_names_cover_what_dm_answers()
    {
        foreach (var code in new[] { 200, 212, 213, 214, 215, 216, 304, 401, 403, 404, 405, 406, 407, 412, 418, 425, 500, 507, 516, 517 })
        {
            DmStatus.Codes.ShouldContain(code);
            DmStatus.Name(code).ShouldNotStartWith("status ");
        }

        DmStatus.Name(304).ShouldContain("not confirmed");
        DmStatus.Name(299).ShouldBe("status 299");
        DmStatus.IsSuccess(214).ShouldBeTrue();
        DmStatus.IsSuccess(304).ShouldBeFalse();
    }
}
