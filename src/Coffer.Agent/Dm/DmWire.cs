using System.Text;
using Coffer.SyncML;

using Coffer.SyncML.Dm;

namespace Coffer.Agent.Dm;

/// <summary>
/// Node values in Items (OMA-TS-DM_RepPro-V1_2 §5.1, Meta Format and Type): text formats (chr, int, bool, node) as
/// character data; binary (bin, b64) as bytes in one OPAQUE with Format bin over WBXML, as base64 with Format b64 over
/// XML (which has no OPAQUE). Received bin that is text (XML) is base64, as a b64 value is. A large object's chunks are
/// encoded each on its own (b64 chunks cut at whole 3-byte groups), so each decodes alone.
/// </summary>
public static class DmWire
{
    public static bool IsBinary(string format) => format is DmFormat.Bin or DmFormat.B64;

    public static Item Item(string sourceUri, DmNodeData data, DmCodec codec, ReadOnlySpan<byte> chunk, bool moreData, long? size)
    {
        var binary = IsBinary(data.Format);
        var format = binary ? (codec.CarriesBytes && data.Format == DmFormat.Bin ? DmFormat.Bin : DmFormat.B64) : data.Format;
        return new Item
        {
            Source = new SyncLocation(sourceUri),
            Meta = new MetInf { Format = format, Type = data.Type, Size = size },
            Data = !binary ? ItemData.FromText(Encoding.UTF8.GetString(chunk))
                : format == DmFormat.Bin ? ItemData.FromBytes(chunk.ToArray())
                : ItemData.FromText(Convert.ToBase64String(chunk)),
            MoreData = moreData,
        };
    }

    /// <summary>The bytes of an Item's data and the node format it declares (default chr, OMA-TS-DM_TND-V1_2 §7.7.7).</summary>
    public static (string Format, string? Type, byte[] Bytes) Read(Item item, MetInf? commandMeta)
    {
        var format = item.Meta?.Format ?? commandMeta?.Format ?? DmFormat.Chr;
        var type = item.Meta?.Type ?? commandMeta?.Type;
        if (item.Data == null)
        {
            return (format, type, []);
        }

        if (!IsBinary(format))
        {
            return (format, type, Encoding.UTF8.GetBytes(item.Data.Text ?? string.Empty));
        }

        // Format b64 names the encoding of the data, whatever carries it (OMA-TS-DM_TND-V1_2 §7.7.7; OMA-TS-DM_RepPro-V1_2
        // §6.2): in WBXML its base64 text may arrive as an OPAQUE, which is still to be decoded. Only bin is the bytes themselves.
        if (item.Data.Bytes is { } bytes && format == DmFormat.Bin)
        {
            return (format, type, bytes.ToArray());
        }

        try
        {
            return (format, type, B64Data.Decode(item.Data.Bytes is { } text ? Encoding.ASCII.GetString(text.Span) : item.Data.Text ?? string.Empty));
        }
        catch (FormatException e)
        {
            throw new DmCommandException(StatusCode.BadRequest, $"{format} data that is not base64: {e.Message}");
        }
    }

    /// <summary>How many bytes of a value fit in <paramref name="room"/> bytes of message (base64 costs 4 for 3).</summary>
    public static int Fits(string format, DmCodec codec, long room)
    {
        var asBytes = !IsBinary(format) || (codec.CarriesBytes && format == DmFormat.Bin);
        var n = (int)Math.Clamp(asBytes ? room : room / 4 * 3, 0, int.MaxValue);
        return asBytes ? n : n / 3 * 3;
    }
}
