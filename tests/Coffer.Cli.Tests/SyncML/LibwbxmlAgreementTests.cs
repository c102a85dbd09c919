using System.Xml.Linq;
using Coffer.TestData;

namespace Coffer.Cli.Tests.SyncML;

/// <summary>
/// <c>coffer syncml decode</c> and <c>encode</c> against libwbxml's own tools, for every libwbxml SyncML message
/// (Coffer.SyncML.Tests' LibwbxmlVectorTests hold the codec to the same oracle; these hold the command line to it).
/// Trees are compared by <see cref="WbxmlTreeComparer"/> with full namespaces: each element's own text trimmed and
/// CR LF read as LF, whitespace between elements, comments and the DOCTYPE ignored, because wbxml2xml indents what
/// it prints. The one other normalization: wbxml2xml prints the DevInf Meta Type "+wbxml" that is on the wire as
/// "+xml", so trees from the two different decoders are compared reading "+wbxml" as "+xml". Trees from the same
/// decoder are compared as they are.
/// </summary>
public sealed class LibwbxmlAgreementTests
{
    private const string Folder = "libwbxml-syncml";

    /// <summary>Every message, as WBXML made by xml2wbxml with its defaults (1.3, string table) and with -n -v 1.1 (inline strings).</summary>
    public static TheoryData<string, string> MessagesAndXml2wbxmlFlags()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in TestDataPaths.Theory(Folder, "*.xml"))
        {
            data.Add(file, string.Empty);
            data.Add(file, "-n -v 1.1");
        }

        return data;
    }

    public static TheoryData<string> Messages => TestDataPaths.Theory(Folder, "*.xml");

    [Theory]
    [MemberData(nameof(MessagesAndXml2wbxmlFlags))]
    public void Decode_OfXml2wbxmlOutput_IsWhatWbxml2xmlPrints(string file, string flags)
    {
        using var dir = new TempDirectory();
        var wbxmlPath = dir.File("message.wbxml");
        File.WriteAllBytes(wbxmlPath, Libwbxml.Xml2Wbxml(TestDataPaths.Path(file), flags.Split(' ', StringSplitOptions.RemoveEmptyEntries)));

        var ours = Decoded(wbxmlPath, out var warnings);
        var theirs = Libwbxml.Wbxml2Xml(File.ReadAllBytes(wbxmlPath));

        WbxmlTreeComparer.ShouldBeSameTree(ours.Root!, theirs.Root!, devInfTypeAsXml: true, because: file);
        ShouldWarnExactlyForFragments(file, warnings);
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void EncodeAndXml2wbxml_DecodeToTheSameTree_ByBothDecoders(string file)
    {
        using var dir = new TempDirectory();
        var path = TestDataPaths.Path(file);
        var oursPath = dir.File("ours.wbxml");
        var theirsPath = dir.File("theirs.wbxml");
        var encode = Cli.Run("syncml", "encode", path, "-o", oursPath);
        encode.ExitCode.ShouldBe(0, encode.StdErr);
        encode.StdErr.ShouldBeEmpty();
        File.WriteAllBytes(theirsPath, Libwbxml.Xml2Wbxml(path));

        var oursByUs = Decoded(oursPath, out _);
        var theirsByUs = Decoded(theirsPath, out _);
        var oursByLibwbxml = Libwbxml.Wbxml2Xml(File.ReadAllBytes(oursPath));
        var theirsByLibwbxml = Libwbxml.Wbxml2Xml(File.ReadAllBytes(theirsPath));

        WbxmlTreeComparer.ShouldBeSameTree(oursByUs.Root!, theirsByUs.Root!, because: $"{file} decoded by coffer");
        WbxmlTreeComparer.ShouldBeSameTree(oursByLibwbxml.Root!, theirsByLibwbxml.Root!, because: $"{file} decoded by wbxml2xml");
        WbxmlTreeComparer.ShouldBeSameTree(oursByUs.Root!, oursByLibwbxml.Root!, devInfTypeAsXml: true, because: $"{file} by coffer and by wbxml2xml");
    }

    private static XDocument Decoded(string wbxmlPath, out string warnings)
    {
        var result = Cli.Run("syncml", "decode", wbxmlPath);
        result.ExitCode.ShouldBe(0, result.StdErr);
        warnings = result.StdErr;
        return XDocument.Parse(result.StdOut);
    }

    // libwbxml's fragments (a SyncBody without a SyncHdr) are shown with a warning; complete messages without one.
    private static void ShouldWarnExactlyForFragments(string file, string warnings)
    {
        var root = XDocument.Load(TestDataPaths.Path(file)).Root!;
        var fragment = root.Name.LocalName == "SyncML" && !root.Elements().Any(e => e.Name.LocalName == "SyncHdr");
        if (fragment)
        {
            warnings.ShouldStartWith("coffer: warning: ");
            warnings.ShouldContain("no SyncHdr");
        }
        else
        {
            warnings.ShouldBeEmpty(file);
        }
    }
}
