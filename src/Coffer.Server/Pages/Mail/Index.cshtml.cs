using Coffer.Server.Web;
using Coffer.Sync.Media;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coffer.Server.Pages.Mail;

/// <summary>The mail: sender, subject and date of each message, newest first, a page at a time.</summary>
public sealed class IndexModel(MailReader mail) : PageModel
{
    public const int PageSize = 25;

    public IReadOnlyList<MailSummary> Mails { get; private set; } = [];

    public MediaPage Listing { get; private set; } = null!;

    public string? Deleted { get; private set; }

    public async Task OnGetAsync(int page = 1, string? deleted = null)
    {
        Deleted = deleted;
        (Mails, Listing) = await mail.ListAsync(User.UserId(), page, PageSize, HttpContext.RequestAborted);
    }
}
