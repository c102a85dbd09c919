using System.Globalization;
using Coffer.Server.Web;
using Coffer.Storage;
using Coffer.Sync.Recovery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coffer.Server.Pages.Storage;

/// <summary>
/// Recovering a storage-area generation, or going back to a point in time, of one datastore: first a page that says
/// what will change (items brought back, changed, removed), then, once confirmed, the change and its result.
/// </summary>
public sealed class RecoverModel(StorageArea area, ItemHistory history, RecoveryPreview preview) : PageModel
{
    public DatastoreKind? Kind { get; private set; }

    public long? Generation { get; private set; }

    public DateTimeOffset? At { get; private set; }

    public RecoveryPlan? Plan { get; private set; }

    public RestoreResult? Result { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? store, long? generation, string? at)
    {
        if (!Read(store, generation, at))
        {
            return Page();
        }

        try
        {
            Plan = Generation is { } g
                ? await preview.ForGenerationAsync(User.UserId(), Kind!.Value, g, HttpContext.RequestAborted)
                : await preview.ForTimeAsync(User.UserId(), Kind!.Value, At!.Value, HttpContext.RequestAborted);
        }
        catch (RecoveryException e)
        {
            // No such generation (of this user: another user's is not found either), or a time beyond the history.
            Response.StatusCode = Generation is null ? StatusCodes.Status400BadRequest : StatusCodes.Status404NotFound;
            Error = e.Message;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? store, long? generation, string? at)
    {
        if (!Read(store, generation, at))
        {
            return Page();
        }

        try
        {
            Result = Generation is { } g
                ? await area.RecoverAsync(User.UserId(), Kind!.Value, g, HttpContext.RequestAborted)
                : await history.RestoreDatastoreAsync(User.UserId(), Kind!.Value, At!.Value, HttpContext.RequestAborted);
        }
        catch (RecoveryException e)
        {
            // No such generation (of this user: another user's is not found either), or a time beyond the history.
            Response.StatusCode = Generation is null ? StatusCodes.Status400BadRequest : StatusCodes.Status404NotFound;
            Error = e.Message;
        }

        return Page();
    }

    /// <summary>The datastore and either a generation or a time (entered as UTC); false when the form is to be filled first.</summary>
    private bool Read(string? store, long? generation, string? at)
    {
        Kind = StoreNames.Parse(store);
        Generation = generation;
        if (at is { Length: > 0 } && DateTime.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            At = new DateTimeOffset(time, TimeSpan.Zero);
        }
        else if (at is { Length: > 0 })
        {
            Error = "That is not a date and time.";
        }

        if (Kind == null && (Generation != null || At != null))
        {
            // A generation or time without a datastore names nothing to recover: a generation is not found in none.
            Response.StatusCode = Generation != null ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest;
            Error = "Choose the datastore to recover.";
        }

        return Kind != null && (Generation != null || At != null);
    }
}
