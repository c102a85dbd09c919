using Coffer.Server.Pages.Shared;
using Coffer.Storage;
using Coffer.Sync.Web;

namespace Coffer.Server.Pages.Tasks;

public sealed class ViewModel(CalendarBook book) : CalendarItemModel(book, DatastoreKind.Tasks, "/tasks");
