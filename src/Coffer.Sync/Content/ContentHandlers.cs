using Coffer.Storage;

namespace Coffer.Sync.Content;

/// <summary>Picks the handler for a datastore kind and incoming type; falls back to <see cref="OpaqueContentHandler"/>.</summary>
public sealed class ContentHandlers
{
    private readonly IReadOnlyList<IContentHandler> handlers;
    private readonly OpaqueContentHandler opaque = new();

    public ContentHandlers(IEnumerable<IContentHandler> handlers)
    {
        this.handlers = handlers.ToList();
    }

    /// <summary>The handlers for contacts (vCard), events and tasks (vCalendar/iCalendar) and notes; anything else stays opaque.</summary>
    public static ContentHandlers CreateDefault() =>
        new([new VCardContentHandler(), new CalendarContentHandler(), new NoteContentHandler()]);

    public IContentHandler For(DatastoreKind kind, string? contentType)
    {
        if (contentType != null && IsVendorType(contentType))
        {
            return opaque;
        }

        foreach (var h in handlers)
        {
            if (h.Handles(kind))
            {
                return h;
            }
        }

        return opaque;
    }

    /// <summary>Vendor formats (Funambol SIF "text/x-s4j-*") are kept opaque: stored and returned unchanged.</summary>
    private static bool IsVendorType(string contentType) =>
        contentType.StartsWith("text/x-s4j", StringComparison.OrdinalIgnoreCase);
}
