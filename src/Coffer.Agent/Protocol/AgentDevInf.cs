using Coffer.Agent.Sources;
using Coffer.SyncML.DevInf;

namespace Coffer.Agent.Protocol;

/// <summary>
/// The client's DevInf (OMA-TS-DS_DevInf-V1_2 §5): one datastore per local source, each preferring its content type;
/// large objects supported in both directions, item data in Format bin read (<see cref="BinItemData"/>).
/// </summary>
public static class AgentDevInf
{
    public static DeviceInfo Create(string deviceId, ClientSettings settings, IEnumerable<DatastoreInfo> datastores) => new()
    {
        VerDTD = "1.2",
        Man = "Coffer",
        Mod = settings.Model,
        SwV = typeof(AgentDevInf).Assembly.GetName().Version?.ToString() ?? "1.0",
        DevID = deviceId,
        DevTyp = "workstation",
        SupportLargeObjs = true,
        SupportNumberOfChanges = true,
        DataStores = [.. datastores.Select(d => new DataStore
        {
            SourceRef = d.LocalUri,
            DisplayName = d.DisplayName,
            MaxGUIDSize = 32,
            RxPref = new ContentTypeRef(d.ContentType, d.ContentVersion),
            TxPref = new ContentTypeRef(d.ContentType, d.ContentVersion),
            SyncCap = ["01", "02", "03", "04", "05", "06", "07"],
        })],
        Exts = [BinItemData.Announcement()],
    };
}
