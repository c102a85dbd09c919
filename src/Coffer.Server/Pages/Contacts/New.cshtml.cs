using Coffer.Server.Web;
using Coffer.Sync.Quotas;
using Coffer.Sync.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coffer.Server.Pages.Contacts;

/// <summary>A new contact from a few fields; the rest is added by editing it.</summary>
public sealed class NewModel(ContactBook contacts) : PageModel
{
    [BindProperty]
    public NewContact Contact { get; set; } = new();

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Contact.IsEmpty)
        {
            Error = "Give at least a name, a phone number or an e-mail address.";
            return Page();
        }

        try
        {
            return Redirect($"/contacts/{await contacts.AddAsync(User.UserId(), Contact.ToVCard(), ct)}");
        }
        catch (QuotaFullException e)
        {
            Error = e.Message;
            return Page();
        }
    }
}
