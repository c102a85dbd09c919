using System.Text;
using System.Xml.Linq;
using Coffer.TestData;

namespace Coffer.Cli.Tests.SyncML;

/// <summary><c>coffer syncml decode</c> shows what is on the wire: values as encoded, fragments with a warning.</summary>
public sealed class SyncMLDecodeTests
{
    private const string DevInfWbxmlType = "application/vnd.syncml-devinf+wbxml";
    private const string DevInfXmlType = "application/vnd.syncml-devinf+xml";
    private const string Session = "syncevolution-captures/session-wbxml";

    // SyncEvolution's first request of session 5: a Put of its DevInf with Meta Type "+wbxml" (captures README).
    private const string Capture = Session + "/001-request.body.wbxml";
    private const string ClientDump = Session + "/client-engine-xml-translation/tvw@tvw-2026-11-21-21-56-a/syncevolution-log_trm001_001_outgoing.xml";
    private const string Wbxml2xmlRecording = Session + "/001-request.body.decoded.xml";

    private static readonly XNamespace MetInf = "syncml:metinf";

    [Fact]
    public void Decode_KeepsDevInfMetaTypeAsEncoded()
    {
        var wire = File.ReadAllBytes(TestDataPaths.Path(Capture));
        Contains(wire, DevInfWbxmlType + "\0").ShouldBeTrue("the capture carries the +wbxml type as an inline string");

        var decoded = Decode(TestDataPaths.Path(Capture));

        DevInfTypes(decoded).ShouldBe([DevInfWbxmlType]);

        // The client engine's own XML rendering of the message it sent, with no allowance for the type.
        WbxmlTreeComparer.ShouldBeSameTree(decoded.Root!, XDocument.Load(TestDataPaths.Path(ClientDump)).Root!);

        // wbxml2xml rewrites the type; decode must not follow it there.
        DevInfTypes(XDocument.Load(TestDataPaths.Path(Wbxml2xmlRecording))).ShouldBe([DevInfXmlType]);
    }

    [Fact]
    public void Decode_KeepsDevInfMetaTypeAsEncoded_WhenTheWireSaysXml()
    {
        // The same message with the type written as "+xml": an inline string, so no length elsewhere changes.
        var wire = File.ReadAllBytes(TestDataPaths.Path(Capture));
        var edited = Replace(wire, DevInfWbxmlType + "\0", DevInfXmlType + "\0");
        using var dir = new TempDirectory();
        var path = dir.File("xml-type.wbxml");
        File.WriteAllBytes(path, edited);

        DevInfTypes(Decode(path)).ShouldBe([DevInfXmlType]);
    }

    [Fact]
    public void Decode_OfAFragmentWithoutSyncHdr_WarnsAndPrintsIt_WhileTheModelRefusesIt()
    {
        using var dir = new TempDirectory();
        var path = dir.File("fragment.wbxml");
        File.WriteAllBytes(path, Libwbxml.Xml2Wbxml(TestDataPaths.Path("libwbxml-syncml/syncml-013.xml")));

        var decoded = Cli.Run("syncml", "decode", path);
        var throughModel = Cli.Run("syncml", "decode", "--model", path);

        decoded.ExitCode.ShouldBe(0);
        decoded.StdErr.ShouldBe("coffer: warning: fragment.wbxml: not a complete SyncML message, the server would refuse it: The message has no SyncHdr. (at /SyncML)" + Environment.NewLine);
        XDocument.Parse(decoded.StdOut).Root!.Elements().Select(e => e.Name.LocalName).ShouldBe(["SyncBody"]);
        throughModel.ExitCode.ShouldBe(1);
        throughModel.StdErr.ShouldContain("no SyncHdr");
    }

    [Fact]
    public void Encode_WritesTheDevInfTypeAsWbxml_UnlessToldToKeepIt()
    {
        using var dir = new TempDirectory();
        var xml = TestDataPaths.Path("libwbxml-syncml/syncml-003.xml");
        Cli.Run("syncml", "encode", xml, "-o", dir.File("default.wbxml")).ExitCode.ShouldBe(0);
        Cli.Run("syncml", "encode", xml, "-o", dir.File("kept.wbxml"), "--keep-devinf-type").ExitCode.ShouldBe(0);

        DevInfTypes(Decode(dir.File("default.wbxml"))).ShouldBe([DevInfWbxmlType]);
        DevInfTypes(Decode(dir.File("kept.wbxml"))).ShouldBe([DevInfXmlType]);
    }

    [Fact]
    public void Decode_OfNotWellFormedWbxml_Fails()
    {
        using var dir = new TempDirectory();
        var path = dir.File("truncated.wbxml");
        var wire = File.ReadAllBytes(TestDataPaths.Path(Capture));
        File.WriteAllBytes(path, wire[..(wire.Length / 2)]);

        var result = Cli.Run("syncml", "decode", path);

        result.ExitCode.ShouldBe(1);
        result.StdOut.ShouldBeEmpty();
        result.StdErr.ShouldStartWith("coffer: truncated.wbxml: WBXML:");
    }

    private static XDocument Decode(string path)
    {
        var result = Cli.Run("syncml", "decode", path);
        result.ExitCode.ShouldBe(0, result.StdErr);
        result.StdErr.ShouldBeEmpty();
        return XDocument.Parse(result.StdOut);
    }

    // The distinct MetInf Types of the message that name a DevInf.
    private static string[] DevInfTypes(XDocument doc) =>
        doc.Descendants().Where(e => e.Name == MetInf + "Type" && e.Value.Contains("devinf", StringComparison.Ordinal)).Select(e => e.Value).Distinct().ToArray();

    private static bool Contains(byte[] haystack, string needle) => haystack.AsSpan().IndexOf(Encoding.ASCII.GetBytes(needle)) >= 0;

    private static byte[] Replace(byte[] data, string from, string to)
    {
        var latin1 = Encoding.Latin1.GetString(data);
        latin1.ShouldContain(from);
        return Encoding.Latin1.GetBytes(latin1.Replace(from, to, StringComparison.Ordinal));
    }
}
