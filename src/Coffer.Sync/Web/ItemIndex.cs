using Coffer.Storage;

namespace Coffer.Sync.Web;

/// <summary>
/// The sorted, searchable summaries of one user's datastore, in memory (docs/web.md "Lists of 20,000 items"). Built
/// once from every live item, then kept current by reading only the changes after the last sequence it saw — an
/// index range scan that finds nothing when nothing changed — so a list page decrypts nothing it showed before,
/// and a change made by a phone, the API or another server sharing the database is in the next page shown.
/// </summary>
public sealed class ItemIndex(long userId, DatastoreKind kind, IItemSummarizer summarizer)
{
    private const int ChangesPerRead = 1000;

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Dictionary<string, ItemSummary> byId = new(StringComparer.Ordinal);
    private ItemSummary[] sorted = [];
    private bool dirty;
    private long datastoreId;
    private long seenSequence;

    public long UserId => userId;

    public DatastoreKind Kind => kind;

    /// <summary>One page of the items in title order; with <paramref name="query"/>, of those matching every word.</summary>
    public async Task<ItemPage> PageAsync(ICofferStore store, string? query, int offset, int limit, CancellationToken ct)
    {
        var all = await CurrentAsync(store, ct);
        var words = SearchText.Fold(query).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return new ItemPage(all.Skip(Math.Max(0, offset)).Take(limit).ToList(), all.Length, offset);
        }

        var q = query ?? string.Empty;
        var digits = q.All(c => char.IsAsciiDigit(c) || " +-()./".Contains(c)) && q.Any(char.IsAsciiDigit)
            ? new string(q.Where(char.IsAsciiDigit).ToArray())
            : null;
        var matches = new List<ItemSummary>();
        var total = 0;
        foreach (var item in all)
        {
            if (SearchText.Matches(item.SearchText, words, digits))
            {
                if (total >= offset && matches.Count < limit)
                {
                    matches.Add(item);
                }

                total++;
            }
        }

        return new ItemPage(matches, total, offset);
    }

    /// <summary>The summaries, sorted, after reading the changes since the last call.</summary>
    public async Task<ItemSummary[]> CurrentAsync(ICofferStore store, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            await CatchUpAsync(store, ct);
            if (dirty)
            {
                sorted = [.. byId.Values.OrderBy(s => s.SortKey, StringComparer.Ordinal).ThenBy(s => s.Id, StringComparer.Ordinal)];
                dirty = false;
            }

            return sorted;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task CatchUpAsync(ICofferStore store, CancellationToken ct)
    {
        await using var uow = await store.BeginReadAsync(ct);
        if (datastoreId == 0)
        {
            var datastore = await uow.Datastores.GetAsync(userId, kind, ct);
            if (datastore == null)
            {
                return;
            }

            datastoreId = datastore.Id;
        }

        while (true)
        {
            var changes = await uow.Items.GetChangesSinceAsync(datastoreId, seenSequence, ChangesPerRead, null, true, ct);
            foreach (var item in changes)
            {
                if (item.Deleted)
                {
                    byId.Remove(item.Id);
                }
                else
                {
                    byId[item.Id] = summarizer.Summarize(item);
                }

                seenSequence = item.Sequence;
                dirty = true;
            }

            if (changes.Count < ChangesPerRead)
            {
                return;
            }
        }
    }
}
