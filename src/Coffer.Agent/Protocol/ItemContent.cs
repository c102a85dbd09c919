using System.Text;
using Coffer.SyncML;
using Coffer.SyncML.Auth;

namespace Coffer.Agent.Protocol;

/// <summary>
/// An item's bytes on the wire: text datastores send their content as character data, binary ones as b64 with Meta
/// Format b64 (OMA-TS-SyncML_MetaInfo-V1_2 §5.2.6); data the server marks b64 is decoded whatever the datastore.
/// </summary>
public static class ItemContent
{
    public static ItemData Encode(ReadOnlySpan<byte> content, bool binary) =>
        ItemData.FromText(binary ? Convert.ToBase64String(content) : Encoding.UTF8.GetString(content));

    public static byte[] Decode(ItemCommand command, Item item)
    {
        var text = item.Data?.ToString() ?? string.Empty;
        var format = item.Meta?.Format ?? command.Meta?.Format;
        return string.Equals(format, AuthTypes.FormatB64, StringComparison.OrdinalIgnoreCase)
            ? B64Data.Decode(text)
            : Encoding.UTF8.GetBytes(text);
    }
}
