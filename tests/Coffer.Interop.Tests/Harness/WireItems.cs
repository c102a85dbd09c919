using System.Xml.Linq;

namespace Coffer.Interop.Tests.Harness;

/// <summary>
/// The item data carried by Add and Replace commands in recorded XML SyncML messages (OMA-TS-DS_Protocol-V1_2 §6.8):
/// what a client sent to the server (requests) or what the server sent to a client (responses). Large objects split
/// over several messages (§6.11, MoreData) are joined again.
/// </summary>
public static class WireItems
{
    private static readonly XNamespace SyncML = "SYNCML:SYNCML1.2";

    /// <summary>Item data of every Add/Replace in the requests (<paramref name="fromClient"/>) or responses of <paramref name="exchanges"/>.</summary>
    public static IReadOnlyList<string> Of(IEnumerable<ProxyExchange> exchanges, bool fromClient)
    {
        var items = new List<string>();
        string? pending = null;
        foreach (var exchange in exchanges)
        {
            var text = fromClient ? exchange.RequestText : exchange.ResponseText;
            if (string.IsNullOrEmpty(text) || !text.TrimStart().StartsWith('<'))
            {
                continue;
            }

            var doc = XDocument.Parse(text);
            var ns = doc.Root!.Name.Namespace;
            foreach (var command in doc.Descendants().Where(e => e.Parent?.Name == ns + "Sync" && (e.Name == ns + "Add" || e.Name == ns + "Replace")))
            {
                foreach (var item in command.Elements(ns + "Item"))
                {
                    var data = item.Element(ns + "Data")?.Value;
                    if (data == null)
                    {
                        continue;
                    }

                    pending = (pending ?? string.Empty) + data;
                    if (item.Element(ns + "MoreData") == null)
                    {
                        items.Add(pending);
                        pending = null;
                    }
                }
            }
        }

        return items;
    }
}
