using System.Xml.Linq;

namespace Coffer.Interop.Tests.Harness;

/// <summary>Reads a few facts out of a recorded XML SyncML message (namespace-agnostic; test assertions only).</summary>
public static class SyncMLText
{
    /// <summary>The Data of every Alert in the body, in order.</summary>
    public static IReadOnlyList<string> AlertCodes(string message) =>
        Body(message).Elements().Where(e => e.Name.LocalName == "Alert").Select(e => Child(e, "Data") ?? string.Empty).ToList();

    /// <summary>The Data of every Status answering a command named <paramref name="cmd"/> (e.g. "Alert", "Add", "SyncHdr").</summary>
    public static IReadOnlyList<string> StatusCodes(string message, string cmd) =>
        Body(message).Descendants().Where(e => e.Name.LocalName == "Status" && Child(e, "Cmd") == cmd).Select(e => Child(e, "Data") ?? string.Empty).ToList();

    /// <summary>Statuses as (Cmd, CmdRef, SourceRef, Data) for detailed checks.</summary>
    public static IReadOnlyList<(string Cmd, string CmdRef, string? SourceRef, string Data)> Statuses(string message) =>
        Body(message).Elements().Where(e => e.Name.LocalName == "Status")
            .Select(e => (Child(e, "Cmd") ?? string.Empty, Child(e, "CmdRef") ?? string.Empty, Child(e, "SourceRef"), Child(e, "Data") ?? string.Empty))
            .ToList();

    /// <summary>True when the message's body ends its package (Final).</summary>
    public static bool IsFinal(string message) => Body(message).Elements().Any(e => e.Name.LocalName == "Final");

    private static XElement Body(string message) =>
        XDocument.Parse(message).Root?.Elements().FirstOrDefault(e => e.Name.LocalName == "SyncBody")
        ?? throw new FormatException("not a SyncML message: " + message[..Math.Min(200, message.Length)]);

    private static string? Child(XElement element, string name) =>
        element.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value.Trim();
}
