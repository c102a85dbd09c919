using System.Text;
using Coffer.Storage;
using Coffer.Sync.Content;
using Coffer.Sync.Sessions;
using Coffer.SyncML.DevInf;

namespace Coffer.Sync.Engine;

/// <summary>An item's data as a device gets it: the text of the Data element, its type, whether it is b64, and its size in bytes.</summary>
internal sealed record OutgoingData(string Text, string ContentType, bool Base64, long Size)
{
    /// <summary>
    /// A stored item as this device gets it: text rendered for the device's format and limits, or, for data Coffer does
    /// not interpret that is not UTF-8 text, its bytes as b64 (Meta Format, OMA-TS-SyncML_MetaInfo-V1_2 §5.2.6).
    /// </summary>
    public static OutgoingData For(DatastoreSession ds, byte[] content, string storedType, IContentHandler handler, CTCap? caps)
    {
        // Mail and SMS go as b64 whatever their type: XML would hand the device LF for every CRLF (XML 1.0 §2.11),
        // and they must come back byte for byte.
        if (handler is OpaqueContentHandler && (ds.Kind is DatastoreKind.Mail or DatastoreKind.Sms || !ItemPayload.SendsAsText(storedType, content)))
        {
            return new OutgoingData(Convert.ToBase64String(content), storedType, true, content.Length);
        }

        var rendered = handler.Render(Encoding.UTF8.GetString(content), ds.SendType, ds.SendVersion, caps);
        return new OutgoingData(rendered.Text, rendered.ContentType, false, Encoding.UTF8.GetByteCount(rendered.Text));
    }
}
