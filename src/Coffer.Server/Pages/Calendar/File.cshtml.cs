using Coffer.Server.Pages.Shared;
using Coffer.Storage;
using Coffer.Sync.Web;

namespace Coffer.Server.Pages.Calendar;

public sealed class FileModel(CalendarFiles files) : CalendarFileModel(files, DatastoreKind.Events, "/calendar");
