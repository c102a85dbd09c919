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
}
