using Coffer.Storage;

namespace Coffer.Sync.Quotas;

/// <summary>
/// A user's limits and usage within one unit of work: every Add asks for room first, every delete gives room back.
/// Only additions are limited; an item already stored is never touched by a quota.
/// </summary>
internal sealed class QuotaCheck
{
    private readonly long maxItems;
    private readonly long maxBytes;
    private long items;
    private long bytes;

    private QuotaCheck(long maxItems, long maxBytes, StorageUsage usage)
    {
        this.maxItems = maxItems;
        this.maxBytes = maxBytes;
        items = usage.Items;
        bytes = usage.Bytes;
    }

    public static async Task<QuotaCheck> LoadAsync(IUnitOfWork uow, long userId, QuotaOptions defaults, CancellationToken ct)
    {
        var (maxItems, maxBytes) = Effective(await uow.Users.GetQuotaAsync(userId, ct), defaults);
        var usage = maxItems == 0 && maxBytes == 0 ? default : await uow.Items.GetUsageAsync(userId, ct);
        return new QuotaCheck(maxItems, maxBytes, usage);
    }

    /// <summary>The limits in effect: the user's own where set, else the defaults (0 = unlimited).</summary>
    public static (long MaxItems, long MaxBytes) Effective(UserQuota? own, QuotaOptions defaults) =>
        (own?.MaxItems ?? defaults.MaxItems, own?.MaxBytes ?? defaults.MaxBytes);

    /// <summary>True when one more (small) item would fit.</summary>
    public bool HasRoom => (maxItems == 0 || items < maxItems) && (maxBytes == 0 || bytes < maxBytes);

    /// <summary>Takes room for one more item of <paramref name="size"/> bytes; false (and nothing taken) when it does not fit.</summary>
    public bool TryTake(long size)
    {
        if ((maxItems > 0 && items + 1 > maxItems) || (maxBytes > 0 && bytes + size > maxBytes))
        {
            return false;
        }

        items++;
        bytes += size;
        return true;
    }

    /// <summary>An item of <paramref name="size"/> bytes was deleted.</summary>
    public void Release(long size)
    {
        items--;
        bytes -= size;
    }
}
