using Coffer.Server.Web;
using Coffer.Storage;
using Coffer.Sync.Media;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coffer.Server.Pages.Sms;

/// <summary>One SMS: sender, recipients, folder, date and text; the .vmg download and delete.</summary>
public sealed class ItemModel(MediaLibrary library, Thumbnails thumbnails, SmsReader sms) : MediaItemPageModel(library, thumbnails)
{
    public SmsView? View { get; private set; }

    protected override DatastoreKind Kind => DatastoreKind.Sms;

    protected override string ListPath => "/sms";

    public override async Task<IActionResult> OnGetAsync(string id)
    {
        var found = await base.OnGetAsync(id);
        if (found is PageResult)
        {
            View = await sms.ReadAsync(User.UserId(), id, HttpContext.RequestAborted);
        }

        return found;
    }
}
