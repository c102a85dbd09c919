using Coffer.Formats.VCard;
using Coffer.Server.Web;
using Coffer.Sync.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coffer.Server.Pages.Contacts;

/// <summary>One contact with every field it has, and its deletion.</summary>
public sealed class ViewModel(ContactBook contacts) : PageModel
{
    public StoredContact Contact { get; private set; } = null!;

    public List<VCardField> Fields { get; private set; } = [];

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (await contacts.GetAsync(User.UserId(), id, ct) is not { } contact)
        {
            return NotFound();
        }

        Contact = contact;
        Fields = VCardFieldEditor.Fields(contact.Card);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(string id, long version, CancellationToken ct)
    {
        if (await contacts.DeleteAsync(User.UserId(), id, version, ct))
        {
            return Redirect("/contacts");
        }

        var result = await OnGetAsync(id, ct);
        Error = "The contact changed since this page was shown (a phone synced); look at it again before deleting.";
        return result;
    }
}
