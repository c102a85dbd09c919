using Coffer.Formats;
using Coffer.Formats.Calendar;
using Coffer.Formats.Identity;
using Coffer.Formats.Merge;
using Coffer.Storage;
using Coffer.SyncML.DevInf;

namespace Coffer.Sync.Content;

/// <summary>
/// Events and tasks: vCalendar 1.0 (text/x-vcalendar) or iCalendar 2.0 (text/calendar) in, one iCalendar 2.0
/// object (RFC 5545) stored, rendered in the device's format trimmed to its CTCap (seed 000 §4.3).
/// </summary>
public sealed class CalendarContentHandler : IContentHandler
{
    public const string StoredType = "text/calendar";

    public bool Handles(DatastoreKind kind) => kind is DatastoreKind.Events or DatastoreKind.Tasks;

    public NormalizedContent Normalize(string data, string? contentType)
    {
        var doc = Parse(data);
        return new NormalizedContent(CalendarWriter.Write(doc, CalendarVersion.ICalendar20), StoredType, IdentityKeys.ForCalendar(doc));
    }

    public RenderedContent Render(string stored, string? targetType, string? targetVersion, CTCap? caps)
    {
        var doc = FieldMerge.Trim(Parse(stored), DeviceCapabilitiesMapper.From(caps));
        return new RenderedContent(CalendarWriter.Write(doc, VersionFor(targetType, targetVersion)), targetType ?? StoredType);
    }

    public MergeResult Merge(string? baseText, string serverText, string deviceText, CTCap? caps, ConflictPolicy policy)
    {
        var server = Parse(serverText);
        var baseDoc = baseText == null ? null : Parse(baseText);
        var device = Parse(deviceText);
        if (caps != null && VersionFor(caps.CTType, caps.VerCT) == CalendarVersion.VCalendar10)
        {
            // The device text arrives normalized to 2.0; its CTCap says it holds vCalendar 1.0. What 1.0 cannot hold comes
            // back degraded, and that is no edit (docs/field-level-merge.md).
            var given = baseDoc ?? server;
            device = FieldMerge.WithoutFormatLosses(device, given, CalendarParser.Parse(CalendarWriter.Write(given, CalendarVersion.VCalendar10)));
        }

        var merged = FieldMerge.Merge(baseDoc, server, device, DeviceCapabilitiesMapper.From(caps), ContentMerge.Policy(policy));
        return ContentMerge.Result(merged, CalendarWriter.Write(merged.Item, CalendarVersion.ICalendar20), serverText, Differ(merged.Item, server));
    }

    /// <summary>text/x-vcalendar (or VerCT 1.0) is vCalendar 1.0; everything else gets iCalendar 2.0.</summary>
    internal static CalendarVersion VersionFor(string? type, string? version) =>
        string.Equals(type, "text/x-vcalendar", StringComparison.OrdinalIgnoreCase) || version == "1.0"
            ? CalendarVersion.VCalendar10
            : CalendarVersion.ICalendar20;

    // DiffersOnDevice looks at the components of its second argument only; an added instance shows the other way round.
    private static bool Differ(CalendarDocument a, CalendarDocument b) =>
        FieldMerge.DiffersOnDevice(a, b, null) || FieldMerge.DiffersOnDevice(b, a, null);

    private static CalendarDocument Parse(string text)
    {
        var doc = CalendarParser.Parse(text);
        return doc.Items.Any() ? doc : throw new PimFormatException("The item holds no VEVENT, VTODO or VJOURNAL.");
    }
}
