using System.Xml.Linq;
using Coffer.SyncML;

namespace Coffer.Sync.Engine;

/// <summary>
/// Second chance for a message the SyncML reader rejected as a whole: when its envelope (SyncML, SyncHdr, SyncBody)
/// is fine, every command is read on its own, and each one the reader rejects becomes a <see cref="MalformedCommand"/>.
/// OMA-TS-SyncML_RepPro-V1_2 §10 status 400 is per command ("malformed syntax in the command"): one bad command
/// must not cost the client the other commands of its message, nor the session.
/// </summary>
internal static class TolerantMessageReader
{
    // Every element name that is a command (OMA-TS-SyncML_RepPro-V1_2 §6); containers hold some of them.
    private static readonly HashSet<string> CommandNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "Add", "Alert", "Atomic", "Copy", "Delete", "Exec", "Get", "Map", "Move", "Put", "Replace", "Results", "Search", "Sequence", "Status", "Sync",
    };

    /// <summary>The message with its unreadable commands replaced, or null when the envelope itself is unreadable.</summary>
    public static SyncMLMessage? TryRead(XDocument document)
    {
        var body = document.Root?.Elements().FirstOrDefault(e => e.Name.LocalName == "SyncBody");
        var message = body == null ? null : TryReadHeader(document);
        if (message == null)
        {
            return null;
        }

        foreach (var element in body!.Elements())
        {
            if (element.Name.LocalName == "Final")
            {
                message.Body.Final = true;
            }
            else if (CommandNames.Contains(element.Name.LocalName))
            {
                message.Body.Commands.Add(ReadCommand(element));
            }
        }

        return message;
    }

    /// <summary>The message's header with an empty body, or null when the header is unreadable.</summary>
    public static SyncMLMessage? TryReadHeader(XDocument document)
    {
        var root = document.Root;
        var hdr = root?.Elements().FirstOrDefault(e => e.Name.LocalName == "SyncHdr");
        if (root?.Name.LocalName != "SyncML" || hdr == null)
        {
            return null;
        }

        SyncHdr header;
        try
        {
            header = SyncMLXml.ReadHeader(hdr);
        }
        catch (SyncMLFormatException)
        {
            return null;
        }

        var version = SyncMLNamespaces.VersionOfVerDtd(header.VerDTD) ?? SyncMLNamespaces.VersionOf(root.Name.Namespace, ignoreCase: true);
        if (version == null)
        {
            return null;
        }

        return new SyncMLMessage { Version = version.Value, Header = header };
    }

    private static SyncMLCommand ReadCommand(XElement element)
    {
        try
        {
            return SyncMLXml.ReadCommand(element);
        }
        catch (SyncMLFormatException ex)
        {
            // A container (Sync, Atomic, Sequence) with one bad command inside: keep the container and the good ones.
            var shell = new XElement(element.Name, element.Attributes(), element.Nodes().Where(n => n is not XElement e || !CommandNames.Contains(e.Name.LocalName)));
            if (element.Elements().Any(e => CommandNames.Contains(e.Name.LocalName)))
            {
                try
                {
                    if (SyncMLXml.ReadCommand(shell) is ContainerCommand container)
                    {
                        container.Commands.AddRange(element.Elements().Where(e => CommandNames.Contains(e.Name.LocalName)).Select(ReadCommand));
                        return container;
                    }
                }
                catch (SyncMLFormatException)
                {
                    // The container's own elements are bad: the whole container is answered as malformed.
                }
            }

            return new MalformedCommand(element.Name.LocalName, ex.Message)
            {
                CmdID = element.Elements().FirstOrDefault(e => e.Name.LocalName == "CmdID")?.Value.Trim(),
            };
        }
    }
}
