using System.Xml.Linq;
using Coffer.TestData;

namespace Coffer.SyncML.Tests.Wbxml;

/// <summary>The real vectors these tests read, and the libwbxml command-line tools as an independent oracle.</summary>
internal static class WbxmlVectors
{
    public const string LibwbxmlFolder = "libwbxml-syncml";
    public const string CapturesFolder = "syncevolution-captures";
    public const string SessionFolder = "syncevolution-captures/session-wbxml";

    public static XDocument LoadXml(string path) => XDocument.Load(path);

    /// <summary>Runs xml2wbxml on an XML file; extra flags such as -n (no string table) or -v 1.2.</summary>
    public static byte[] Xml2Wbxml(string xmlPath, params string[] flags)
    {
        using var dir = new TempDir();
        var output = Path.Combine(dir.Path, "out.wbxml");
        var result = ExternalTool.Run("xml2wbxml", [.. flags, "-o", output, xmlPath]);
        if (result.ExitCode != 0 || !File.Exists(output))
        {
            throw new InvalidOperationException($"xml2wbxml failed ({result.ExitCode}): {result.StdErr}{result.StdOut}");
        }

        return File.ReadAllBytes(output);
    }

    /// <summary>Runs wbxml2xml on WBXML bytes and parses what it prints.</summary>
    public static XDocument Wbxml2Xml(byte[] wbxml)
    {
        using var dir = new TempDir();
        var input = Path.Combine(dir.Path, "in.wbxml");
        var output = Path.Combine(dir.Path, "out.xml");
        File.WriteAllBytes(input, wbxml);
        var result = ExternalTool.Run("wbxml2xml", ["-o", output, input]);
        if (result.ExitCode != 0 || !File.Exists(output))
        {
            throw new InvalidOperationException($"wbxml2xml failed ({result.ExitCode}): {result.StdErr}{result.StdOut}");
        }

        return XDocument.Load(output);
    }

    /// <summary>Every WBXML message of the captures.</summary>
    public static IReadOnlyList<string> CaptureFiles() => TestDataPaths.Files(CapturesFolder, "*.wbxml", recursive: true);

    /// <summary>
    /// The dump of the same message: requests are the client's "outgoing" dumps and responses its "incoming"
    /// ones, and SessionID + MsgID pick the message among the two recorded sessions. Exactly one must match.
    /// </summary>
    public static string ClientDumpOf(string file, XElement decodedRoot)
    {
        var direction = file.Contains("-request.", StringComparison.Ordinal) ? "_outgoing.xml" : "_incoming.xml";
        var (session, message) = Ids(decodedRoot);
        var dumps = TestDataPaths.Files(Path.Combine(SessionFolder, "client-engine-xml-translation"), "*" + direction, recursive: true);
        var matches = dumps.Where(d => Ids(XDocument.Load(d).Root!) == (session, message)).ToList();
        matches.Count.ShouldBe(1, $"client dumps of session {session} message {message}");
        return matches[0];
    }

    private static (string Session, string Message) Ids(XElement root)
    {
        var header = root.Elements().First(e => e.Name.LocalName == "SyncHdr");
        return (header.Elements().First(e => e.Name.LocalName == "SessionID").Value, header.Elements().First(e => e.Name.LocalName == "MsgID").Value);
    }

    private sealed class TempDir : IDisposable
    {
        public TempDir()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "coffer-wbxml-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
