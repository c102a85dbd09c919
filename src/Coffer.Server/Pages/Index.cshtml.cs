using System.Globalization;
using Coffer.Server.Web;
using Coffer.Storage;
using Coffer.Sync.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coffer.Server.Pages;

/// <summary>The signed-in user's start page: items per datastore, the last sync, storage used against the quota.</summary>
public sealed class IndexModel(AccountOverview overview, AccountSettings settings) : PageModel
{
    private TimeZoneInfo zone = TimeZoneInfo.Utc;

    public OverviewFigures Figures { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Figures = await overview.GetAsync(User.UserId(), ct);
        var zoneId = (await settings.GetAsync(User.UserId(), ct)).TimeZone;
        zone = TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var found) ? found : TimeZoneInfo.Utc;
    }

    /// <summary>Nothing to post here (without this, a post would render the page without its figures).</summary>
    public IActionResult OnPost() => StatusCode(StatusCodes.Status405MethodNotAllowed);

    public string Show(DateTimeOffset time) =>
        TimeZoneInfo.ConvertTime(time, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " " + (zone == TimeZoneInfo.Utc ? "UTC" : zone.Id);

    public static string PageOf(DatastoreKind kind) => kind == DatastoreKind.Events ? "/calendar" : "/" + kind.ToString().ToLowerInvariant();

    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KiB",
        < 1024L * 1024 * 1024 => (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MiB",
        _ => (bytes / (1024.0 * 1024 * 1024)).ToString("0.##", CultureInfo.InvariantCulture) + " GiB",
    };
}
