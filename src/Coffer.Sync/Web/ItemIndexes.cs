using Coffer.Storage;

namespace Coffer.Sync.Web;

/// <summary>
/// The in-memory list indexes (<see cref="ItemIndex"/>) of the users who used a list lately: at most
/// <see cref="Capacity"/> of them, the least recently used dropped first (it is rebuilt from the store when asked for
/// again). Kinds without a summarizer have no index.
/// </summary>
public sealed class ItemIndexes(ICofferStore store, IEnumerable<IItemSummarizer> summarizers, int capacity = ItemIndexes.DefaultCapacity)
{
    /// <summary>Indexes kept: at 20,000 contacts one is a few megabytes.</summary>
    public const int DefaultCapacity = 64;

    private readonly Dictionary<DatastoreKind, IItemSummarizer> byKind = summarizers.ToDictionary(s => s.Kind);
    private readonly LinkedList<ItemIndex> recent = new();
    private readonly Dictionary<(long, DatastoreKind), LinkedListNode<ItemIndex>> nodes = [];
    private readonly Lock sync = new();

    public int Capacity => capacity;

    public static ItemIndexes CreateDefault(ICofferStore store) =>
        new(store, [new ContactSummarizer(), new CalendarSummarizer(DatastoreKind.Events), new CalendarSummarizer(DatastoreKind.Tasks), new NoteSummarizer()]);

    public bool Supports(DatastoreKind kind) => byKind.ContainsKey(kind);

    /// <summary>A page of the user's items of that kind in list order, optionally only those matching a search.</summary>
    public Task<ItemPage> PageAsync(long userId, DatastoreKind kind, string? query, int offset, int limit, CancellationToken ct = default) =>
        For(userId, kind).PageAsync(store, query, Math.Max(0, offset), Math.Clamp(limit, 1, 1000), ct);

    /// <summary>Every summary of the user's items of that kind, in list order.</summary>
    public Task<ItemSummary[]> AllAsync(long userId, DatastoreKind kind, CancellationToken ct = default) =>
        For(userId, kind).CurrentAsync(store, ct);

    private ItemIndex For(long userId, DatastoreKind kind)
    {
        if (!byKind.TryGetValue(kind, out var summarizer))
        {
            throw new ArgumentException($"no list index for {kind}", nameof(kind));
        }

        lock (sync)
        {
            if (nodes.TryGetValue((userId, kind), out var node))
            {
                recent.Remove(node);
                recent.AddFirst(node);
                return node.Value;
            }

            var index = new ItemIndex(userId, kind, summarizer);
            nodes[(userId, kind)] = recent.AddFirst(index);
            while (recent.Count > capacity)
            {
                var last = recent.Last!;
                recent.RemoveLast();
                nodes.Remove((last.Value.UserId, last.Value.Kind));
            }

            return index;
        }
    }
}
