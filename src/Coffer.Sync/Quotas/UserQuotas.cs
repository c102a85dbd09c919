using Coffer.Storage;

namespace Coffer.Sync.Quotas;

/// <summary>Reads and sets per-user quotas (the CLI's <c>coffer quota</c>, the API's GET /api/quota).</summary>
public sealed class UserQuotas(ICofferStore store, QuotaOptions defaults)
{
    public async Task<QuotaReport?> GetAsync(long userId, CancellationToken ct = default)
    {
        await using var uow = await store.BeginReadAsync(ct);
        var own = await uow.Users.GetQuotaAsync(userId, ct);
        if (own == null)
        {
            return null;
        }

        var (maxItems, maxBytes) = QuotaCheck.Effective(own, defaults);
        return new QuotaReport(maxItems, maxBytes, own.MaxItems != null, own.MaxBytes != null, await uow.Items.GetUsageAsync(userId, ct));
    }

    /// <summary>Sets the user's own limits (null: the default again); false when the user does not exist.</summary>
    public async Task<bool> SetAsync(long userId, UserQuota quota, CancellationToken ct = default)
    {
        await using var uow = await store.BeginAsync(ct);
        var done = await uow.Users.SetQuotaAsync(userId, quota, ct);
        await uow.CommitAsync(ct);
        return done;
    }
}
