using System.CommandLine;
using Coffer.Storage;
using Coffer.Sync.Quotas;

namespace Coffer.Cli.Commands;

/// <summary><c>coffer quota set|show</c>: a user's own limits (docs/history-and-recovery.md, Quotas).</summary>
internal static class QuotaCommands
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "the server's data directory", DefaultValueFactory = _ => new DirectoryInfo("data") };

        var setUser = new Argument<string>("user");
        var items = new Option<long?>("--items") { Description = "most live items over all datastores (0 = unlimited)" };
        var bytes = new Option<long?>("--bytes") { Description = "most content bytes of the live items (0 = unlimited)" };
        var reset = new Option<bool>("--default") { Description = "go back to the server's defaults (Coffer:Quota)" };
        var set = new Command("set", "Set a user's limits; an option left out keeps its current value") { setUser, items, bytes, reset, data };
        set.SetAction((pr, ct) => SetAsync(pr.GetValue(data)!, pr.GetValue(setUser)!, pr.GetValue(items), pr.GetValue(bytes), pr.GetValue(reset), ct));

        var showUser = new Argument<string>("user");
        var show = new Command("show", "Show a user's limits and usage") { showUser, data };
        show.SetAction((pr, ct) => ShowAsync(pr.GetValue(data)!, pr.GetValue(showUser)!, ct));

        return new Command("quota", "Per-user quotas (items and bytes)") { set, show };
    }

    private static async Task<int> SetAsync(DirectoryInfo data, string name, long? items, long? bytes, bool reset, CancellationToken ct)
    {
        if (items < 0 || bytes < 0)
        {
            return CliErrors.Fail("limits are 0 (unlimited) or more");
        }

        if (!reset && items == null && bytes == null)
        {
            return CliErrors.Fail("give --items N, --bytes N or --default");
        }

        await using var store = CliStore.Open(data);
        if (await CliStore.FindUserAsync(store, name, ct) is not { } user)
        {
            return CliErrors.Fail($"no user '{name}'");
        }

        UserQuota quota;
        await using (var read = await store.BeginReadAsync(ct))
        {
            var own = await read.Users.GetQuotaAsync(user.Id, ct) ?? new UserQuota(null, null);
            quota = reset ? new UserQuota(items, bytes) : new UserQuota(items ?? own.MaxItems, bytes ?? own.MaxBytes);
        }

        await Quotas(store).SetAsync(user.Id, quota, ct);
        return await ShowAsync(store, user, ct);
    }

    private static async Task<int> ShowAsync(DirectoryInfo data, string name, CancellationToken ct)
    {
        await using var store = CliStore.Open(data);
        return await CliStore.FindUserAsync(store, name, ct) is { } user ? await ShowAsync(store, user, ct) : CliErrors.Fail($"no user '{name}'");
    }

    private static async Task<int> ShowAsync(ICofferStore store, UserAccount user, CancellationToken ct)
    {
        var report = (await Quotas(store).GetAsync(user.Id, ct))!;
        Console.WriteLine($"{user.Name}: items {report.Usage.Items} of {Limit(report.MaxItems, report.OwnItems)}, bytes {report.Usage.Bytes} of {Limit(report.MaxBytes, report.OwnBytes)}");
        return CliErrors.Ok;
    }

    private static string Limit(long max, bool own) => (max == 0 ? "unlimited" : max.ToString(System.Globalization.CultureInfo.InvariantCulture)) + (own ? string.Empty : " (server default)");

    // The CLI does not read the server's configuration: defaults shown are the built-in ones.
    private static UserQuotas Quotas(ICofferStore store) => new(store, new QuotaOptions());
}
