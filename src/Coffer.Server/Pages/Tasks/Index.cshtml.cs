using Coffer.Server.Pages.Shared;
using Coffer.Storage;
using Coffer.Sync.Web;

namespace Coffer.Server.Pages.Tasks;

/// <summary>The tasks list, searched and paged on the list index.</summary>
public sealed class IndexModel(ItemIndexes indexes) : ItemListModel(indexes, DatastoreKind.Tasks);
