using System.Globalization;
using Coffer.Sync.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coffer.Server.Pages.Admin;

/// <summary>/admin/notifications: a night's server-alerted syncs — sent, waiting, postponed, failed, per carrier.</summary>
public sealed class NotificationsModel(NotificationOverview overview) : PageModel
{
    /// <summary>The night to show (yyyy-MM-dd); tonight's when absent or not a date.</summary>
    [BindProperty(Name = "night", SupportsGet = true)]
    public string? Night { get; set; }

    public NightOverview Overview { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        DateOnly? night = DateOnly.TryParseExact(Night, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : null;
        Overview = await overview.GetAsync(night, ct);
    }

    public static string Day(DateOnly night) => night.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
