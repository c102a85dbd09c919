using Coffer.Server.Web;
using Coffer.Sync.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coffer.Server.Pages.Contacts;

/// <summary>The phone book as a file: vCard, Google CSV or Outlook CSV.</summary>
public sealed class ExportModel(ContactFiles files) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnGetFileAsync(string format, CancellationToken ct)
    {
        var (kind, type, name) = format switch
        {
            "google" => (ContactFileFormat.Google, "text/csv; charset=utf-8", "contacts-google.csv"),
            "outlook" => (ContactFileFormat.Outlook, "text/csv; charset=utf-8", "contacts-outlook.csv"),
            "vcf" => (ContactFileFormat.VCard, "text/vcard; charset=utf-8", "contacts.vcf"),
            _ => default,
        };
        return name == null ? NotFound() : File(await files.ExportAsync(User.UserId(), kind, ct), type, name);
    }
}
