using Coffer.Server.Pages.Shared;
using Coffer.Storage;
using Coffer.Sync.Web;

namespace Coffer.Server.Pages.Notes;

/// <summary>The notes list, searched and paged on the list index.</summary>
public sealed class IndexModel(ItemIndexes indexes) : ItemListModel(indexes, DatastoreKind.Notes);
