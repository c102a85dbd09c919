using Coffer.Formats;
using Coffer.Formats.Calendar;
using Coffer.Server.Web;
using Coffer.Storage;
using Coffer.Sync.Quotas;
using Coffer.Sync.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coffer.Server.Pages.Shared;

/// <summary>One event or task: view, edit of its main fields (<see cref="CalendarBook"/>), delete; or a new one when there is no id.</summary>
public abstract class CalendarItemModel(CalendarBook book, DatastoreKind kind, string path) : PageModel
{
    public DatastoreKind Kind => kind;

    public string Path => path;

    public StoredItem? Item { get; private set; }

    public CalendarComponent? Component { get; private set; }

    [BindProperty]
    public CalendarEdit Edit { get; set; } = new();

    [BindProperty]
    public long Version { get; set; }

    public bool Editing { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? id, bool edit, CancellationToken ct)
    {
        Editing = edit || id == null;
        return id == null ? Page() : await LoadAsync(id, ct);
    }

    public async Task<IActionResult> OnPostAsync(string? id, CancellationToken ct)
    {
        try
        {
            if (id == null)
            {
                return Redirect($"{path}/{await book.AddAsync(User.UserId(), kind, Edit, ct)}");
            }

            switch (await book.EditAsync(User.UserId(), kind, id, Version, Edit, ct))
            {
                case EditOutcome.Saved:
                    return Redirect($"{path}/{id}");
                case EditOutcome.Missing:
                    return NotFound();
            }

            Error = "A phone changed this item while you were editing. Here it is as it is now; make your change again.";
        }
        catch (Exception e) when (e is PimFormatException or QuotaFullException)
        {
            Error = e.Message;
            Editing = true;
            return id == null ? Page() : await LoadAsync(id, ct, keepForm: true);
        }

        ModelState.Clear();
        Editing = true;
        return await LoadAsync(id, ct);
    }

    public async Task<IActionResult> OnPostDeleteAsync(string id, CancellationToken ct)
    {
        if (await book.DeleteAsync(User.UserId(), kind, id, Version, ct))
        {
            return Redirect(path);
        }

        Error = "It changed since this page was shown (a phone synced); look at it again before deleting.";
        ModelState.Clear();
        return await LoadAsync(id, ct);
    }

    private async Task<IActionResult> LoadAsync(string id, CancellationToken ct, bool keepForm = false)
    {
        if (await book.GetAsync(User.UserId(), kind, id, ct) is not { } found || CalendarBook.Main(found.Document) is not { } component)
        {
            return NotFound();
        }

        (Item, Component) = (found.Item, component);
        if (!keepForm)
        {
            (Edit, Version) = (CalendarBook.ToEdit(component, kind), found.Item.Version);
        }

        return Page();
    }
}
