using Coffer.Server.Admin;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coffer.Server.Pages.Admin;

/// <summary>/admin: the store's size and the daily backup's last outcome.</summary>
public sealed class IndexModel(StoreStatusReader reader) : PageModel
{
    public StoreStatus Status { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Status = await reader.ReadAsync(ct);
}
