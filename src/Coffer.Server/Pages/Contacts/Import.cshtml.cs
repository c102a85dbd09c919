using Coffer.Formats;
using Coffer.Server.Web;
using Coffer.Sync.Quotas;
using Coffer.Sync.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coffer.Server.Pages.Contacts;

/// <summary>
/// Upload of a .vcf, Google CSV or Outlook CSV file in two steps: a preview of what each contact of the file would do
/// (add, update, skip and why), then the import and its summary. The file travels back with the confirmation (a
/// hidden field), so nothing is kept on the server between the two steps.
/// </summary>
[RequestSizeLimit(MaxFileBytes * 2)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxFileBytes * 2, ValueLengthLimit = MaxFileBytes * 2)]
public sealed class ImportModel(ContactFiles files) : PageModel
{
    public const int MaxFileBytes = 32 * 1024 * 1024;

    public ImportPlan? Plan { get; private set; }

    public ImportSummary? Summary { get; private set; }

    public string? Upload { get; private set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostPreviewAsync(IFormFile? file, CancellationToken ct)
    {
        if (file == null || file.Length == 0)
        {
            Error = "Choose a .vcf or .csv file.";
            return Page();
        }

        if (file.Length > MaxFileBytes)
        {
            Error = $"The file is larger than {MaxFileBytes / 1024 / 1024} MB.";
            return Page();
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        try
        {
            Plan = await files.PlanAsync(User.UserId(), buffer.ToArray(), ct);
            Upload = Convert.ToBase64String(buffer.ToArray());
        }
        catch (PimFormatException e)
        {
            Error = "This is neither a vCard file nor a Google or Outlook CSV file: " + e.Message;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync(string? upload, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(upload))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Error = "Choose a file to import first.";
            return Page();
        }

        try
        {
            Summary = await files.ImportAsync(User.UserId(), Convert.FromBase64String(upload), ct);
        }
        catch (Exception e) when (e is PimFormatException or FormatException or QuotaFullException)
        {
            Error = e.Message;
        }

        return Page();
    }
}
