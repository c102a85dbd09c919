using System.Text;
using Coffer.Formats;
using Coffer.SyncML;
using Coffer.SyncML.DevInf;

namespace Coffer.Sync.Engine;

/// <summary>
/// The bytes an Item carries. Data announced as b64 (Meta Format, OMA-TS-SyncML_MetaInfo-V1_2 §5.2.6) is decoded to
/// the bytes it encodes and stays bytes: a photo or a file must arrive as it left the device. Other data is the
/// UTF-8 of its text. Data in Format bin (a peer that announced it, over WBXML) is the OPAQUE's bytes themselves.
/// </summary>
internal static class ItemPayload
{
    /// <summary>The item's bytes; null when it has no Data.</summary>
    public static byte[]? Read(ItemCommand command, Item item)
    {
        var format = item.Meta?.Format ?? command.Meta?.Format;
        if (item.Data?.Bytes is { } bytes && BinItemData.IsBin(format))
        {
            // Format bin in WBXML: the OPAQUE's bytes are the item's, as they are.
            return BinItemData.ToArray(bytes);
        }

        var text = item.Data?.Text ?? item.Data?.Element?.ToString(System.Xml.Linq.SaveOptions.DisableFormatting);
        if (text == null)
        {
            return null;
        }

        if (!string.Equals(format, "b64", StringComparison.OrdinalIgnoreCase))
        {
            return Encoding.UTF8.GetBytes(text);
        }

        try
        {
            return B64Data.Decode(text);
        }
        catch (FormatException)
        {
            throw new PimFormatException("item data announced as b64 is not base64");
        }
    }

    /// <summary>
    /// Whether stored bytes go out as text: a text type (or none given) and valid UTF-8. Anything else is sent as b64.
    /// </summary>
    public static bool SendsAsText(string? contentType, ReadOnlySpan<byte> content) =>
        (contentType == null || contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase) || contentType.EndsWith("+xml", StringComparison.OrdinalIgnoreCase))
        && System.Text.Unicode.Utf8.IsValid(content);
}
