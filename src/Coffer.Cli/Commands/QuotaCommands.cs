using System.CommandLine;
using Coffer.Cli.Configuration;
using Coffer.Storage;
using Coffer.Sync.Quotas;

namespace Coffer.Cli.Commands;

/// <summary><c>coffer quota set|show</c>: a user's own limits (docs/history-and-recovery.md, Quotas).</summary>
internal static class QuotaCommands
{
    public static Command Create(StoreSelection store, ServerSettings settings)
    {
        // The server's defaults (Coffer:Quota), read from the same settings as the server's.
        var defaults = new Lazy<QuotaOptions>(() => settings.Section<QuotaOptions>("Coffer:Quota"));

        var setUser = new Argument<string>("user");
        var items = new Option<long?>("--items") { Description = "most live items over all datastores (0 = unlimited)" };
        var bytes = new Option<long?>("--bytes") { Description = "most content bytes of the live items (0 = unlimited)" };
        var reset = new Option<bool>("--default") { Description = "go back to the server's defaults (Coffer:Quota)" };
        var set = store.AddTo(new Command("set", "Set a user's limits; an option left out keeps its current value") { setUser, items, bytes, reset });
        set.SetAction((pr, ct) => store.RunAsync(pr, (target, io) => SetAsync(target, io, pr.GetValue(setUser)!, pr.GetValue(items), pr.GetValue(bytes), pr.GetValue(reset), defaults.Value, ct)));

        var showUser = new Argument<string>("user");
        var show = store.AddTo(new Command("show", "Show a user's limits and usage") { showUser });
        show.SetAction((pr, ct) => store.RunAsync(pr, (target, io) => ShowAsync(target, io, pr.GetValue(showUser)!, defaults.Value, ct)));

        return new Command("quota", "Per-user quotas (items and bytes)") { set, show };
    }

    private static async Task<int> SetAsync(StoreTarget target, InvocationConfiguration io, string name, long? items, long? bytes, bool reset, QuotaOptions defaults, CancellationToken ct)
    {
        if (items < 0 || bytes < 0)
        {
            return CliErrors.Fail(io.Error, "limits are 0 (unlimited) or more");
        }

        if (!reset && items == null && bytes == null)
        {
            return CliErrors.Fail(io.Error, "give --items N, --bytes N or --default");
        }

        await using var store = await target.OpenAsync(mayCreate: false, ct);
        if (await CliStore.FindUserAsync(store, name, ct) is not { } user)
        {
            return CliErrors.Fail(io.Error, $"no user '{name}'");
        }

        UserQuota quota;
        await using (var read = await store.BeginReadAsync(ct))
        {
            var own = await read.Users.GetQuotaAsync(user.Id, ct) ?? new UserQuota(null, null);
            quota = reset ? new UserQuota(items, bytes) : new UserQuota(items ?? own.MaxItems, bytes ?? own.MaxBytes);
        }

        var quotas = new UserQuotas(store, defaults);
        await quotas.SetAsync(user.Id, quota, ct);
        return await ShowAsync(quotas, io.Output, user, ct);
    }

    private static async Task<int> ShowAsync(StoreTarget target, InvocationConfiguration io, string name, QuotaOptions defaults, CancellationToken ct)
    {
        await using var store = await target.OpenAsync(mayCreate: false, ct);
        return await CliStore.FindUserAsync(store, name, ct) is { } user
            ? await ShowAsync(new UserQuotas(store, defaults), io.Output, user, ct)
            : CliErrors.Fail(io.Error, $"no user '{name}'");
    }

    private static async Task<int> ShowAsync(UserQuotas quotas, TextWriter output, UserAccount user, CancellationToken ct)
    {
        var report = (await quotas.GetAsync(user.Id, ct))!;
        output.WriteLine($"{user.Name}: items {report.Usage.Items} of {Limit(report.MaxItems, report.OwnItems)}, bytes {report.Usage.Bytes} of {Limit(report.MaxBytes, report.OwnBytes)}");
        return CliErrors.Ok;
    }

    private static string Limit(long max, bool own) => (max == 0 ? "unlimited" : max.ToString(System.Globalization.CultureInfo.InvariantCulture)) + (own ? string.Empty : " (server default)");
}
