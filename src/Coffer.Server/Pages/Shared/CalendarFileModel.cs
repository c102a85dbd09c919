using Coffer.Formats;
using Coffer.Server.Web;
using Coffer.Storage;
using Coffer.Sync.Quotas;
using Coffer.Sync.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coffer.Server.Pages.Shared;

/// <summary>.ics export and import of the events or the tasks (<see cref="CalendarFiles"/>).</summary>
[RequestSizeLimit(MaxFileBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxFileBytes)]
public abstract class CalendarFileModel(CalendarFiles files, DatastoreKind kind, string path) : PageModel
{
    public const int MaxFileBytes = 32 * 1024 * 1024;

    public string Path => path;

    public DatastoreKind Kind => kind;

    public ImportSummary? Summary { get; private set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct) =>
        File(await files.ExportAsync(User.UserId(), kind, ct), "text/calendar; charset=utf-8", kind == DatastoreKind.Tasks ? "tasks.ics" : "calendar.ics");

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (file == null || file.Length == 0)
        {
            Error = "Choose an .ics file.";
            return Page();
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        try
        {
            Summary = await files.ImportAsync(User.UserId(), kind, buffer.ToArray(), ct);
        }
        catch (Exception e) when (e is PimFormatException or QuotaFullException)
        {
            Error = e.Message;
        }

        return Page();
    }
}
