using System.Text;
using Coffer.Storage;
using Coffer.Sync.Content;
using Coffer.Sync.Sessions;
using Coffer.SyncML;
using Coffer.SyncML.DevInf;

namespace Coffer.Sync.Engine;

/// <summary>
/// An item's data as a device gets it: the text of the Data element, its type, whether it is binary (b64, or with
/// <see cref="Bytes"/> the bytes themselves in Format bin), and its size in bytes.
/// </summary>
internal sealed record OutgoingData(string Text, string ContentType, bool Base64, long Size)
{
    /// <summary>The bytes themselves, for a device that reads Format bin over WBXML (<see cref="BinItemData"/>); then <see cref="Text"/> is empty.</summary>
    public byte[]? Bytes { get; init; }

    /// <summary>Meta Format of the command: bin, b64, or none for text (OMA-TS-SyncML_MetaInfo-V1_2 §5.2.6).</summary>
    public string? Format => Bytes != null ? BinItemData.Format : Base64 ? "b64" : null;

    public ItemData ToItemData() => Bytes != null ? ItemData.FromBytes(Bytes) : ItemData.FromText(Text);

    /// <summary>Estimated size of the item command carrying this data (<see cref="ReplyBuilder.EstimateItem"/>).</summary>
    public long Estimate(string? uris) =>
        Bytes != null ? ReplyBuilder.EstimateItem(null, uris) + Bytes.Length : ReplyBuilder.EstimateItem(Text, uris);

    /// <summary>The same data as b64 text (the large-object path chunks text).</summary>
    public OutgoingData AsText() => Bytes == null ? this : new OutgoingData(Convert.ToBase64String(Bytes), ContentType, true, Size);

    /// <summary>
    /// A stored item as this device gets it: text rendered for the device's format and limits, or, for data Coffer does
    /// not interpret that is not UTF-8 text, its bytes as b64 (Meta Format, OMA-TS-SyncML_MetaInfo-V1_2 §5.2.6) or, when
    /// <paramref name="bin"/>, as bin.
    /// </summary>
    public static OutgoingData For(DatastoreSession ds, byte[] content, string storedType, IContentHandler handler, CTCap? caps, bool bin = false)
    {
        // Mail and SMS go as b64 whatever their type: XML would hand the device LF for every CRLF (XML 1.0 §2.11),
        // and they must come back byte for byte.
        if (handler is OpaqueContentHandler && (ds.Kind is DatastoreKind.Mail or DatastoreKind.Sms || !ItemPayload.SendsAsText(storedType, content)))
        {
            return bin
                ? new OutgoingData(string.Empty, storedType, true, content.Length) { Bytes = content }
                : new OutgoingData(Convert.ToBase64String(content), storedType, true, content.Length);
        }

        var rendered = handler.Render(Encoding.UTF8.GetString(content), ds.SendType, ds.SendVersion, caps);
        return new OutgoingData(rendered.Text, rendered.ContentType, false, Encoding.UTF8.GetByteCount(rendered.Text));
    }
}
