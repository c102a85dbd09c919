using Coffer.Server.Web;
using Coffer.Sync.Media;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coffer.Server.Pages.Sms;

/// <summary>The SMS: who, when and the start of the text, newest first, a page at a time.</summary>
public sealed class IndexModel(SmsReader sms) : PageModel
{
    public const int PageSize = 25;

    public IReadOnlyList<SmsView> Messages { get; private set; } = [];

    public MediaPage Listing { get; private set; } = null!;

    public string? Deleted { get; private set; }

    public async Task OnGetAsync(int page = 1, string? deleted = null)
    {
        Deleted = deleted;
        (Messages, Listing) = await sms.ListAsync(User.UserId(), page, PageSize, HttpContext.RequestAborted);
    }
}
