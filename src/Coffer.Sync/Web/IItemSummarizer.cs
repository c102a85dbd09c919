using Coffer.Storage;

namespace Coffer.Sync.Web;

/// <summary>Reads a stored item of one datastore kind into its <see cref="ItemSummary"/>.</summary>
public interface IItemSummarizer
{
    DatastoreKind Kind { get; }

    /// <summary>The summary of a live item (its content is present); content that cannot be read still gets one.</summary>
    ItemSummary Summarize(StoredItem item);
}
