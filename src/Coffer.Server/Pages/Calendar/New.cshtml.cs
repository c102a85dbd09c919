using Coffer.Server.Pages.Shared;
using Coffer.Storage;
using Coffer.Sync.Web;

namespace Coffer.Server.Pages.Calendar;

public sealed class NewModel(CalendarBook book) : CalendarItemModel(book, DatastoreKind.Events, "/calendar");
