using Coffer.SyncML.DevInf;

namespace Coffer.LoadBench.Device;

/// <summary>The simulated phone's DevInf (OMA-TS-DS_DevInf-V1_2 §5): one contacts datastore, vCard 2.1 preferred.</summary>
public static class PhoneDevInf
{
    public static DeviceInfo Create(string deviceId, PhoneSettings settings) => new()
    {
        VerDTD = "1.2",
        Man = "Coffer",
        Mod = "LoadBench phone",
        SwV = "1.0",
        DevID = deviceId,
        DevTyp = "phone",
        SupportLargeObjs = false,
        SupportNumberOfChanges = true,
        DataStores =
        [
            new DataStore
            {
                SourceRef = settings.LocalDatastore,
                DisplayName = "Contacts",
                MaxGUIDSize = 32,
                RxPref = new ContentTypeRef(settings.ContentType, "2.1"),
                Rx = [new ContentTypeRef("text/vcard", "3.0")],
                TxPref = new ContentTypeRef(settings.ContentType, "2.1"),
                SyncCap = ["01", "02", "07"],
            },
        ],
    };
}
