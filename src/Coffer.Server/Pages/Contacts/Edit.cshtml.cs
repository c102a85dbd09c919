using Coffer.Formats;
using Coffer.Formats.VCard;
using Coffer.Server.Web;
using Coffer.Sync.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coffer.Server.Pages.Contacts;

/// <summary>
/// Field-by-field editing of one contact: every property it has, those no phone shows included
/// (<see cref="VCardFieldEditor"/>), and new fields.
/// </summary>
public sealed class EditModel(ContactBook contacts) : PageModel
{
    /// <summary>Blank rows offered for new fields.</summary>
    public const int NewRows = 3;

    [BindProperty]
    public List<VCardField> Fields { get; set; } = [];

    [BindProperty]
    public long Version { get; set; }

    public string Name { get; private set; } = string.Empty;

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (await contacts.GetAsync(User.UserId(), id, ct) is not { } contact)
        {
            return NotFound();
        }

        Show(contact);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken ct)
    {
        try
        {
            switch (await contacts.EditAsync(User.UserId(), id, Version, Fields, ct))
            {
                case EditOutcome.Saved:
                    return Redirect($"/contacts/{id}");
                case EditOutcome.Missing:
                    return NotFound();
                default:
                    Error = "A phone changed this contact while you were editing. Here it is as it is now; make your change again.";
                    break;
            }
        }
        catch (PimFormatException e)
        {
            Error = e.Message;
            Name = Fields.FirstOrDefault(f => f.Name == "FN")?.Components.FirstOrDefault() ?? string.Empty;
            return Page();
        }

        ModelState.Clear();
        if (await contacts.GetAsync(User.UserId(), id, ct) is not { } current)
        {
            return NotFound();
        }

        Show(current);
        return Page();
    }

    private void Show(StoredContact contact)
    {
        Name = ContactSummarizer.DisplayName(contact.Card);
        Version = contact.Version;
        Fields = VCardFieldEditor.Fields(contact.Card);
        for (var i = 0; i < NewRows; i++)
        {
            Fields.Add(new VCardField { Components = [string.Empty] });
        }
    }
}
