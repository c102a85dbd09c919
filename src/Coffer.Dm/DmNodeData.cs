using Coffer.SyncML.Dm;
using Coffer.SyncML;

namespace Coffer.Dm;

/// <summary>
/// A node value on the wire: binary values travel as Format b64 text (OMA-TS-DM_RepPro-V1_2 §6.2 "Format": b64 is the
/// transfer encoding of bin data in XML), or as WBXML opaque bytes; anything else is UTF-8 text.
/// </summary>
internal static class DmNodeData
{
    public static bool IsBinary(string format) => format is "bin" or DmFormat.B64;

    public static byte[] Read(ItemData? data, string? format)
    {
        if (data?.Bytes is { } bytes)
        {
            // WBXML opaque data: the value itself, or its b64 text when the Format says so.
            return format == DmFormat.B64 ? B64Data.Decode(System.Text.Encoding.ASCII.GetString(bytes.Span)) : bytes.ToArray();
        }

        var text = data?.Text ?? string.Empty;
        return format == DmFormat.B64 ? B64Data.Decode(text) : System.Text.Encoding.UTF8.GetBytes(text);
    }

    /// <summary>The Item data and the Meta Format to send <paramref name="value"/> of a node of <paramref name="format"/> with.</summary>
    public static (ItemData Data, string Format) Write(ReadOnlySpan<byte> value, string format) =>
        IsBinary(format)
            ? (ItemData.FromText(Convert.ToBase64String(value)), DmFormat.B64)
            : (ItemData.FromText(System.Text.Encoding.UTF8.GetString(value)), format);
}
