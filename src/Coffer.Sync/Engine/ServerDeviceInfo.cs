using System.Collections.Concurrent;
using System.Xml.Linq;
using Coffer.SyncML.DevInf;

namespace Coffer.Sync.Engine;

/// <summary>The server's own DevInf (OMA-TS-DS_DevInf-V1_2 §5), answered to Get ./devinf12 (and ./devinf11).</summary>
public static class ServerDeviceInfo
{
    private static readonly ConcurrentDictionary<DevInfVersion, XElement> Cache = new();

    public static DeviceInfo Build(DevInfVersion version)
    {
        var info = new DeviceInfo
        {
            VerDTD = version switch
            {
                DevInfVersion.V10 => "1.0",
                DevInfVersion.V11 => "1.1",
                _ => "1.2",
            },
            Man = "Coffer",
            Mod = "Coffer Server",
            OEM = "Coffer",
            SwV = typeof(ServerDeviceInfo).Assembly.GetName().Version?.ToString() ?? "1.0",
            DevID = "coffer",
            DevTyp = "server",
            UTC = true,
            SupportLargeObjs = true,
            SupportNumberOfChanges = true,
        };
        if (version == DevInfVersion.V12)
        {
            info.Exts.Add(BinItemData.Announcement());
        }

        info.DataStores.Add(Store("card", "Contacts", new("text/vcard", "3.0"), new("text/x-vcard", "2.1")));
        info.DataStores.Add(Store("cal", "Calendar", new("text/calendar", "2.0"), new("text/x-vcalendar", "1.0")));
        info.DataStores.Add(Store("task", "Tasks", new("text/calendar", "2.0"), new("text/x-vcalendar", "1.0")));
        info.DataStores.Add(Store("note", "Notes", new("text/plain", "1.0"), new("text/x-vnote", "1.1")));
        return info;
    }

    public static XElement Element(DevInfVersion version) => new(Cache.GetOrAdd(version, v => DevInfXml.Write(Build(v), v)));

    private static DataStore Store(string sourceRef, string displayName, ContentTypeRef preferred, ContentTypeRef other)
    {
        var store = new DataStore
        {
            SourceRef = sourceRef,
            DisplayName = displayName,
            MaxGUIDSize = 64,
            RxPref = preferred,
            TxPref = preferred,
            // Every sync type: two-way, slow, one-way and refresh both ways, server alerted (DevInf §5 SyncType 1–7).
            SyncCap = ["1", "2", "3", "4", "5", "6", "7"],
        };
        store.Rx.Add(other);
        store.Tx.Add(other);
        return store;
    }
}
