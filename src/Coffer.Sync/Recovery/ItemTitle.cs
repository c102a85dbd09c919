using System.Text;
using Coffer.Storage;
using Coffer.Sync.Media;

namespace Coffer.Sync.Recovery;

/// <summary>
/// A short title of an item version for the trash and history pages: a contact's FN, an event's or task's SUMMARY, a
/// note's first line, a mail's, an SMS's, a photo's or a file's name. Never more than 80 characters.
/// </summary>
public static class ItemTitle
{
    private const int MaxLength = 80;

    public static string Of(DatastoreKind kind, string contentType, byte[]? content)
    {
        if (BlobKinds.Holds(kind))
        {
            return Cut(MediaTypes.NameFrom(contentType) ?? "(no name)");
        }

        if (content == null)
        {
            return "(deleted)";
        }

        var text = Encoding.UTF8.GetString(content.AsSpan(0, Math.Min(content.Length, 16 * 1024)));
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r'));
        var wanted = kind switch
        {
            DatastoreKind.Contacts => "FN",
            DatastoreKind.Events or DatastoreKind.Tasks => "SUMMARY",
            _ => null,
        };
        if (wanted == null)
        {
            return Cut(lines.FirstOrDefault(l => l.Trim().Length > 0)?.Trim() ?? "(empty)");
        }

        foreach (var line in lines)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var name = colon < 0 ? line : line[..colon].Split(';')[0];
            if (colon > 0 && name.Equals(wanted, StringComparison.OrdinalIgnoreCase))
            {
                return Cut(line[(colon + 1)..].Replace("\\,", ",", StringComparison.Ordinal).Replace("\\;", ";", StringComparison.Ordinal));
            }
        }

        return "(untitled)";
    }

    private static string Cut(string title) => title.Length <= MaxLength ? title : title[..(MaxLength - 1)] + "…";
}
