using System.Text;
using Coffer.SyncML;
using Coffer.SyncML.Auth;
using Coffer.SyncML.DevInf;

namespace Coffer.Agent.Protocol;

/// <summary>
/// An item's bytes on the wire: text datastores send their content as character data, binary ones as b64 with Meta
/// Format b64 (OMA-TS-SyncML_MetaInfo-V1_2 §5.2.6), or as the bytes themselves in Format bin to a server that reads it
/// (<see cref="BinItemData"/>); data the server marks b64 is decoded whatever the datastore, data it marks bin is taken as it is.
/// </summary>
public static class ItemContent
{
    public static ItemData Encode(ReadOnlySpan<byte> content, bool binary) =>
        ItemData.FromText(binary ? Convert.ToBase64String(content) : Encoding.UTF8.GetString(content));

    /// <summary>The item's content; data in Format bin stays where the decoder left it (a slice of the reply array).</summary>
    public static ReadOnlyMemory<byte> Decode(ItemCommand command, Item item)
    {
        var format = item.Meta?.Format ?? command.Meta?.Format;
        if (item.Data?.Bytes is { } bytes && BinItemData.IsBin(format))
        {
            return bytes;
        }

        var text = item.Data?.ToString() ?? string.Empty;
        return string.Equals(format, AuthTypes.FormatB64, StringComparison.OrdinalIgnoreCase)
            ? B64Data.Decode(text)
            : Encoding.UTF8.GetBytes(text);
    }
}
