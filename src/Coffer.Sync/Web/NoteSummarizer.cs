using System.Text;
using Coffer.Formats.Notes;
using Coffer.Storage;

namespace Coffer.Sync.Web;

/// <summary>Notes in a list: the title (SUMMARY or first line) and the start of the body.</summary>
public sealed class NoteSummarizer : IItemSummarizer
{
    public DatastoreKind Kind => DatastoreKind.Notes;

    public ItemSummary Summarize(StoredItem item)
    {
        var note = PlainTextNote.Parse(Encoding.UTF8.GetString(item.Content ?? []));
        var title = note.Title is { Length: > 0 } t ? t : "(empty note)";
        var body = note.Body.ReplaceLineEndings(" ");
        var detail = body.Length > 80 ? body[..80] + "…" : body;
        return new ItemSummary(item.Id, item.Version, title, detail, SearchText.Fold(title), SearchText.Of([note.Summary, note.Body, .. note.Categories]), item.Modified);
    }
}
