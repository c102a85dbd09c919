using Coffer.Storage;
using Coffer.Sync.Administration;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coffer.Server.Pages.Admin;

/// <summary>/admin/audit: every administrative action, newest first, <see cref="AuditTrail.PageSize"/> a page.</summary>
public sealed class AuditModel(AuditTrail audit) : PageModel
{
    [BindProperty(Name = "p", SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public long Total { get; private set; }

    public long Pages => Math.Max(1, (Total + AuditTrail.PageSize - 1) / AuditTrail.PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        PageNumber = Math.Max(1, PageNumber);
        (Entries, Total) = await audit.PageAsync(PageNumber, ct);
    }
}
