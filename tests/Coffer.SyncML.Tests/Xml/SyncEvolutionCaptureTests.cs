using Coffer.TestData;

namespace Coffer.SyncML.Tests.Xml;

/// <summary>Every XML message of the recorded SyncEvolution sessions (wire XML, wbxml2xml output, the client's own dumps).</summary>
public class SyncEvolutionCaptureTests
{
    public static TheoryData<string> Messages()
    {
        var data = new TheoryData<string>();
        foreach (var f in TestDataPaths.Files("syncevolution-captures", "*.xml", recursive: true))
        {
            var name = Path.GetFileName(f);
            if (name.EndsWith(".body.xml", StringComparison.Ordinal) || name.EndsWith(".decoded.xml", StringComparison.Ordinal)
                || f.Contains("client-engine-xml-translation", StringComparison.Ordinal))
            {
                data.Add(Path.GetRelativePath(TestDataPaths.Root, f));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Message_round_trips_and_passes_strict_mode(string file)
    {
        var xml = RoundTrip.Read(file);
        var message = RoundTrip.AssertKeepsMeaning(xml, file);
        message.Version.ShouldBe(SyncMLVersion.V1_2);

        // SyncEvolution (Synthesis engine) writes spec-conformant 1.2: strict mode must accept it unchanged,
        // and our own output must be strict-clean too.
        SyncMLXml.Parse(xml, SyncMLReadOptions.StrictDefault);
        RoundTrip.AssertStable(message, SyncMLReadOptions.StrictDefault);
    }

    [Fact]
    public void Md5_challenge_in_SyncHdr_status_is_read()
    {
        var file = TestDataPaths.Files("syncevolution-captures/session-xml-badpw", "*-response.body.xml")[0];
        var message = SyncMLXml.Parse(File.ReadAllText(file));
        var status = message.Body.Commands.OfType<StatusCommand>().First(s => s.CmdRef == "0");
        status.Cmd.ShouldBe("SyncHdr");
        status.Code.ShouldBe(StatusCode.InvalidCredentials);
        status.Chal!.Meta!.Type.ShouldBe("syncml:auth-md5");
        status.Chal.Meta.NextNonce.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public void Suspend_alert_222_and_resume_225_are_recognized()
    {
        var codes = TestDataPaths.Files("syncevolution-captures/session-xml-suspend", "*.body.xml")
            .Select(f => SyncMLXml.Parse(File.ReadAllText(f)))
            .SelectMany(m => m.Body.Commands.OfType<AlertCommand>())
            .Select(a => a.Code)
            .ToHashSet();
        codes.ShouldContain(AlertCode.NextMessage);
        codes.ShouldContain(AlertCode.Resume);
    }
}
