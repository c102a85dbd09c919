using Coffer.Formats;
using Coffer.Formats.Identity;
using Coffer.Formats.Notes;
using Coffer.Storage;
using Coffer.SyncML.DevInf;

namespace Coffer.Sync.Content;

/// <summary>
/// Notes: text/plain, text/x-vnote (vNote 1.1) or an iCalendar VJOURNAL in; stored as text/plain with the
/// SyncEvolution memo convention (first line = summary, CRLF line ends); rendered in the device's format.
/// A note is one field: a change on both sides follows the conflict policy.
/// </summary>
public sealed class NoteContentHandler : IContentHandler
{
    public const string StoredType = "text/plain";

    public bool Handles(DatastoreKind kind) => kind == DatastoreKind.Notes;

    public NormalizedContent Normalize(string data, string? contentType)
    {
        var note = Parse(data, contentType);
        return new NormalizedContent(PlainTextNote.Write(note), StoredType, IdentityKeys.ForNote(note));
    }

    public RenderedContent Render(string stored, string? targetType, string? targetVersion, CTCap? caps)
    {
        var note = PlainTextNote.Parse(stored);
        var text = targetType?.ToLowerInvariant() switch
        {
            "text/x-vnote" => VNoteWriter.Write(note),
            "text/calendar" or "text/x-vcalendar" => JournalConverter.ToICalendar(note),
            _ => PlainTextNote.Write(note),
        };
        return new RenderedContent(text, targetType ?? StoredType);
    }

    public MergeResult Merge(string? baseText, string serverText, string deviceText, CTCap? caps, ConflictPolicy policy)
    {
        var s = Comparable(serverText);
        var d = Comparable(deviceText);
        if (s == d)
        {
            return new MergeResult(serverText, MergeOutcome.Applied, false);
        }

        var b = baseText == null ? null : Comparable(baseText);
        if (b == s)
        {
            return new MergeResult(deviceText, MergeOutcome.Applied, false);
        }

        if (b == d)
        {
            return new MergeResult(serverText, MergeOutcome.Applied, true);
        }

        return policy == ConflictPolicy.ServerWins
            ? new MergeResult(serverText, MergeOutcome.ServerWon, true)
            : new MergeResult(deviceText, MergeOutcome.DeviceWon, false);
    }

    private static string Comparable(string text) => text.ReplaceLineEndings("\n").TrimEnd();

    private static Note Parse(string data, string? contentType)
    {
        var type = contentType?.ToLowerInvariant();
        var head = data.TrimStart();
        if (type == "text/x-vnote" || (type != "text/plain" && head.StartsWith("BEGIN:VNOTE", StringComparison.OrdinalIgnoreCase)))
        {
            return VNoteParser.Parse(data).FirstOrDefault() ?? throw new PimFormatException("The item holds no vNote (BEGIN:VNOTE).");
        }

        if (type is "text/calendar" or "text/x-vcalendar" || (type != "text/plain" && head.StartsWith("BEGIN:VCALENDAR", StringComparison.OrdinalIgnoreCase)))
        {
            return JournalConverter.FromICalendar(data).FirstOrDefault() ?? throw new PimFormatException("The item holds no VJOURNAL.");
        }

        return PlainTextNote.Parse(data);
    }
}
