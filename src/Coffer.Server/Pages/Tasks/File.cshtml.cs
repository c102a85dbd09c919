using Coffer.Server.Pages.Shared;
using Coffer.Storage;
using Coffer.Sync.Web;

namespace Coffer.Server.Pages.Tasks;

public sealed class FileModel(CalendarFiles files) : CalendarFileModel(files, DatastoreKind.Tasks, "/tasks");
