using Coffer.Server.Web;
using Coffer.Sync.Quotas;
using Coffer.Sync.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coffer.Server.Pages.Notes;

/// <summary>A new note.</summary>
public sealed class NewModel(NoteBook notes) : PageModel
{
    [BindProperty]
    public string? Text { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Text))
        {
            Error = "Write something first.";
            return Page();
        }

        try
        {
            return Redirect($"/notes/{await notes.AddAsync(User.UserId(), Text, ct)}");
        }
        catch (QuotaFullException e)
        {
            Error = e.Message;
            return Page();
        }
    }
}
