using Coffer.TestData;

namespace Coffer.SyncML.Tests.Xml;

/// <summary>buteo-syncml's parser vectors: whole messages, a bare SyncHdr, DevInf documents, and invalid responses.</summary>
public class ButeoVectorTests
{
    public static TheoryData<string> Files() => TestDataPaths.Theory("buteo", "*.txt");

    [Theory]
    [MemberData(nameof(Files))]
    public void Vector_parses_as_what_it_is_or_is_rejected_with_a_message(string file)
    {
        var xml = RoundTrip.Read(file);
        if (Path.GetFileName(file).StartsWith("respinvalid", StringComparison.Ordinal))
        {
            var ex = Should.Throw<SyncMLFormatException>(() => SyncMLXml.Parse(xml));
            ex.Message.Length.ShouldBeGreaterThan(10);
            return;
        }

        var root = RoundTrip.Root(xml);
        switch (root.Name.LocalName)
        {
            case "SyncML":
                RoundTrip.AssertStable(RoundTrip.AssertKeepsMeaning(xml, file));
                break;
            case "SyncHdr":
                var header = SyncMLXml.ReadHeader(root);
                var version = SyncMLNamespaces.VersionOfVerDtd(header.VerDTD)!.Value;
                RoundTrip.ComparerFor(version).AssertEquivalent(root, SyncMLXml.WriteHeader(header, version), file);
                break;
            case "DevInf":
                Should.Throw<SyncMLFormatException>(() => SyncMLXml.Parse(xml)).Message.ShouldContain("not a SyncML message");
                break;
            default:
                Assert.Fail($"{file}: unexpected root <{root.Name.LocalName}>");
                break;
        }
    }

    [Theory]
    [InlineData("respinvalid1.txt", "Malformed XML")]
    [InlineData("respinvalid2.txt", "no SyncHdr")]
    [InlineData("respinvalid3.txt", "no SyncBody")]
    [InlineData("respinvalid4.txt", "no SyncHdr")]
    [InlineData("respinvalid5.txt", "more than one SyncHdr")]
    [InlineData("respinvalid6.txt", "more than one SyncBody")]
    public void Invalid_response_is_rejected_for_its_actual_defect(string file, string reason)
    {
        var ex = Should.Throw<SyncMLFormatException>(() => SyncMLXml.Parse(RoundTrip.Read("buteo/" + file)));
        ex.Message.ShouldContain(reason);
    }

    [Fact]
    public void Bare_SyncHdr_fragment_reads_its_meta_sizes()
    {
        var header = SyncMLXml.ReadHeader(RoundTrip.Root(RoundTrip.Read("buteo/SyncMLHdrTest.txt")));
        header.SessionID.ShouldBe("12345");
        header.MsgID.ShouldBe("100");
        header.Target!.LocURI.ShouldBe("card");
        header.Meta!.MaxMsgSize.ShouldBe(20);
        header.Meta!.MaxObjSize.ShouldBe(40);
    }

    [Fact]
    public void Nested_atomic_and_sequence_keep_their_commands_in_order()
    {
        var message = SyncMLXml.Parse(RoundTrip.Read("buteo/subcommands01.txt"));
        var containers = message.Body.Commands.OfType<ContainerCommand>().ToList();
        containers.ShouldNotBeEmpty();
        containers.OfType<AtomicCommand>().ShouldNotBeEmpty();
        containers.SelectMany(c => c.Commands).ShouldNotBeEmpty();
    }

    [Fact]
    public void Empty_SessionID_and_LocURI_and_cdata_status_codes_are_read()
    {
        var message = SyncMLXml.Parse(RoundTrip.Read("buteo/cmdhandler_get.txt"));
        message.Header.SessionID.ShouldBe(string.Empty);
        message.Header.Target!.LocURI.ShouldBe(string.Empty);
        message.Body.Commands.OfType<StatusCommand>().Select(s => s.Code).ShouldContain(StatusCode.CommandNotImplemented);
        var results = message.Body.Commands.OfType<ResultsCommand>().Single();
        results.TargetRefs.ShouldBe(["./devinf12"]);
        results.Items[0].Data!.Element!.Name.LocalName.ShouldBe("DevInf");
    }
}
