using System.Text;
using Coffer.Formats.Notes;
using Coffer.Storage;
using Coffer.Sync.Content;

namespace Coffer.Sync.Web;

/// <summary>A user's notes as the pages edit them: the text (its first line is the title), through <see cref="WebItems"/>.</summary>
public sealed class NoteBook(WebItems items)
{
    public async Task<(StoredItem Item, string Text)?> GetAsync(long userId, string id, CancellationToken ct = default) =>
        await items.GetAsync(userId, DatastoreKind.Notes, id, ct) is { Content: { } content } item
            ? (item, PlainTextNote.Parse(Encoding.UTF8.GetString(content)).Body)
            : null;

    public async Task<string> AddAsync(long userId, string text, CancellationToken ct = default) =>
        (await items.AddAsync(userId, DatastoreKind.Notes, NoteContentHandler.StoredType, Bytes(text), ct)).Id;

    /// <summary>Replaces the text of the note at <paramref name="version"/>.</summary>
    public async Task<EditOutcome> EditAsync(long userId, string id, long version, string text, CancellationToken ct = default) =>
        await items.ReplaceAsync(userId, DatastoreKind.Notes, id, NoteContentHandler.StoredType, Bytes(text), version, ct) != null ? EditOutcome.Saved
        : await items.GetAsync(userId, DatastoreKind.Notes, id, ct) == null ? EditOutcome.Missing
        : EditOutcome.Changed;

    public Task<bool> DeleteAsync(long userId, string id, long version, CancellationToken ct = default) =>
        items.DeleteAsync(userId, DatastoreKind.Notes, id, version, ct);

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(PlainTextNote.Write(new Note { Body = text.ReplaceLineEndings("\n").Trim('\n') }));
}
