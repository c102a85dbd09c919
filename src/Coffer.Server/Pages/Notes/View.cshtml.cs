using Coffer.Server.Web;
using Coffer.Storage;
using Coffer.Sync.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coffer.Server.Pages.Notes;

/// <summary>One note: read, edit (its whole text) and delete.</summary>
public sealed class ViewModel(NoteBook notes) : PageModel
{
    public StoredItem Item { get; private set; } = null!;

    [BindProperty]
    public string Text { get; set; } = string.Empty;

    [BindProperty]
    public long Version { get; set; }

    public bool Editing { get; private set; }

    public string? Error { get; private set; }

    public string Title => Text.ReplaceLineEndings("\n").Split('\n')[0].Trim() is { Length: > 0 } t ? t : "(empty note)";

    public Task<IActionResult> OnGetAsync(string id, bool edit, CancellationToken ct)
    {
        Editing = edit;
        return LoadAsync(id, ct);
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken ct)
    {
        switch (await notes.EditAsync(User.UserId(), id, Version, Text ?? string.Empty, ct))
        {
            case EditOutcome.Saved:
                return Redirect($"/notes/{id}");
            case EditOutcome.Missing:
                return NotFound();
        }

        Error = "A phone changed this note while you were editing. Here it is as it is now; make your change again.";
        ModelState.Clear();
        Editing = true;
        return await LoadAsync(id, ct);
    }

    public async Task<IActionResult> OnPostDeleteAsync(string id, CancellationToken ct)
    {
        if (await notes.DeleteAsync(User.UserId(), id, Version, ct))
        {
            return Redirect("/notes");
        }

        Error = "The note changed since this page was shown (a phone synced); look at it again before deleting.";
        ModelState.Clear();
        return await LoadAsync(id, ct);
    }

    private async Task<IActionResult> LoadAsync(string id, CancellationToken ct)
    {
        if (await notes.GetAsync(User.UserId(), id, ct) is not { } note)
        {
            return NotFound();
        }

        (Item, Text, Version) = (note.Item, note.Text, note.Item.Version);
        return Page();
    }
}
