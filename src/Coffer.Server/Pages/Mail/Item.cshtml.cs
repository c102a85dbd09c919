using Coffer.Server.Web;
using Coffer.Storage;
using Coffer.Sync.Media;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coffer.Server.Pages.Mail;

/// <summary>One mail for reading (HTML sanitized), its attachments, the message as .eml, delete.</summary>
public sealed class ItemModel(MediaLibrary library, Thumbnails thumbnails, MailReader mail) : MediaItemPageModel(library, thumbnails)
{
    public MailView? View { get; private set; }

    protected override DatastoreKind Kind => DatastoreKind.Mail;

    protected override string ListPath => "/mail";

    public override async Task<IActionResult> OnGetAsync(string id)
    {
        var found = await base.OnGetAsync(id);
        if (found is PageResult)
        {
            View = await mail.ReadAsync(User.UserId(), id, HttpContext.RequestAborted);
        }

        return found;
    }

    /// <summary>One attachment, decoded, always as a download (never shown inline on this origin).</summary>
    public async Task<IActionResult> OnGetAttachmentAsync(string id, int index)
    {
        if (await mail.AttachmentAsync(User.UserId(), id, index, HttpContext.RequestAborted) is not var (attachment, content))
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "private, no-cache";
        return new FileContentResult(content, attachment.MediaType) { FileDownloadName = attachment.FileName };
    }
}
