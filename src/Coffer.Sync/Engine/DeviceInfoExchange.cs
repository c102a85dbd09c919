using System.Text;
using Coffer.Sync.Datastores;
using Coffer.Sync.Sessions;
using Coffer.SyncML;
using Coffer.SyncML.DevInf;
using Microsoft.Extensions.Logging;

namespace Coffer.Sync.Engine;

/// <summary>
/// Device information both ways (OMA-TS-DS_DevInf-V1_2; OMA-TS-DS_Protocol-V1_2 §5.5 package 1/2): stores the DevInf
/// a device Puts or returns in Results, answers its Get with ours, asks for the device's when none is stored, and
/// tells the other parts what the device can take (its CTCaps, preferred format, large object support).
/// </summary>
internal sealed class DeviceInfoExchange(MessageContext ctx, DeviceInfoCache cache)
{
    private const string DevInfXmlType = "application/vnd.syncml-devinf+xml";
    private const string DevInfWbxmlType = "application/vnd.syncml-devinf+wbxml";

    private DeviceInfo? deviceInfo;
    private bool loaded;

    private SessionState State => ctx.State;

    private string DevInfType => State.Wbxml ? DevInfWbxmlType : DevInfXmlType;

    // The DevInf URI and DTD follow the SyncML version the client speaks (./devinf10, 11, 12; OMA-TS-DS_DevInf-V1_2
    // §5.1): a SyncML 1.0 phone (Sony Ericsson P900) asks for ./devinf10 and cannot read a 1.2 DevInf.
    private string DevInfUri => State.Version switch
    {
        "1.0" => "./devinf10",
        "1.1" => "./devinf11",
        _ => "./devinf12",
    };

    private DevInfVersion VersionInUse => State.Version switch
    {
        "1.0" => DevInfVersion.V10,
        "1.1" => DevInfVersion.V11,
        _ => DevInfVersion.V12,
    };

    public async Task HandlePutAsync(PutCommand put, CancellationToken ct)
    {
        var item = put.Items.FirstOrDefault();
        var uri = item?.Source?.LocURI ?? item?.Target?.LocURI;
        if (item == null || uri == null || !uri.Contains("devinf", StringComparison.OrdinalIgnoreCase))
        {
            ctx.Respond(put, StatusCode.NotFound, null, uri);
            return;
        }

        var code = await StoreAsync(item, ct) ? StatusCode.Ok : StatusCode.BadRequest;
        ctx.Respond(put, code, null, uri);
    }

    public async Task HandleResultsAsync(ResultsCommand results, CancellationToken ct)
    {
        var item = results.Items.FirstOrDefault();
        if (item != null && (item.Source?.LocURI ?? string.Empty).Contains("devinf", StringComparison.OrdinalIgnoreCase))
        {
            await StoreAsync(item, ct);
        }

        ctx.Respond(results, StatusCode.Ok, null, item?.Source?.LocURI);
    }

    public void HandleGet(GetCommand get)
    {
        var item = get.Items.FirstOrDefault();
        var uri = item?.Target?.LocURI?.Trim();
        if (uri == null || !uri.Contains("devinf", StringComparison.OrdinalIgnoreCase))
        {
            ctx.Respond(get, StatusCode.NotFound, uri);
            return;
        }

        ctx.Respond(get, StatusCode.Ok, uri);
        var results = new ResultsCommand { MsgRef = ctx.MsgId, CmdRef = get.CmdID, Meta = new MetInf { Type = DevInfType } };
        results.Items.Add(new Item
        {
            Source = new SyncLocation(uri),
            Data = ItemData.FromElement(ServerDeviceInfo.Element(VersionInUse)),
        });
        ctx.Reply.Add(results, 6000);
    }

    /// <summary>Asks the device for its DevInf (Get) once per session, unless it sends one now or one is stored.</summary>
    public async Task RequestIfUnknownAsync(CancellationToken ct)
    {
        if (State.DevInfRequested || ctx.Message.Body.Commands.OfType<PutCommand>().Any() || await GetAsync(ct) != null)
        {
            return;
        }

        State.DevInfRequested = true;
        var get = new GetCommand { Meta = new MetInf { Type = DevInfType } };
        get.Items.Add(new Item { Target = new SyncLocation(DevInfUri) });
        ctx.Reply.Add(get, 400);
    }

    /// <summary>The device's DevInf: the one it sent in this message, else the stored one (parsed once per content).</summary>
    public async Task<DeviceInfo?> GetAsync(CancellationToken ct)
    {
        if (!loaded)
        {
            loaded = true;
            var fresh = await ctx.Uow.Devices.GetByIdAsync(ctx.Device.Id, ct);
            if (fresh?.DevInf is { Length: > 0 } bytes)
            {
                try
                {
                    deviceInfo = cache.GetOrParse(bytes);

                    // Devices send their DevInf once, not every session: large object support (OMA-TS-DS_Protocol-V1_2
                    // §6.10) must come from the stored one too, or a big item goes out whole, over the MaxMsgSize.
                    State.ClientLargeObjects = deviceInfo.SupportLargeObjs;
                    State.ClientBinData = BinItemData.IsAnnounced(deviceInfo);
                }
                catch (SyncMLFormatException ex)
                {
                    ctx.Logger.LogWarning("{Session}: stored DevInf unreadable: {Reason}", ctx.Describe(), LogRedaction.Reason(ex.Message));
                }
            }
        }

        return deviceInfo;
    }

    /// <summary>The CTCap of the format the device receives for this datastore (field-level merge keeps what it cannot hold).</summary>
    public async Task<CTCap?> CapsAsync(DatastoreSession ds, CancellationToken ct)
    {
        var info = await GetAsync(ct);
        var store = info?.FindDataStore(ds.ClientUri);
        if (info == null || store == null)
        {
            return null;
        }

        var type = store.RxPref?.CTType ?? ds.SendType;
        return type == null ? null : info.FindCTCap(store, type, store.RxPref?.VerCT);
    }

    /// <summary>The format the device prefers to receive for this datastore (its DevInf Rx-Pref), else what it sent.</summary>
    public async Task ChooseSendTypeAsync(DatastoreSession ds, CancellationToken ct)
    {
        var store = (await GetAsync(ct))?.FindDataStore(ds.ClientUri);
        if (store?.RxPref != null)
        {
            ds.SendType = store.RxPref.CTType;
            ds.SendVersion = store.RxPref.VerCT;
        }

        ds.SendType ??= DatastoreCatalog.StoredType(ds.Kind);
    }

    private async Task<bool> StoreAsync(Item item, CancellationToken ct)
    {
        if (item.Data == null)
        {
            return false;
        }

        try
        {
            var element = item.Data.ToElement();
            var info = DevInfXml.Read(element);
            await ctx.Uow.Devices.SetDevInfAsync(ctx.Device.Id, Encoding.UTF8.GetBytes(element.ToString(System.Xml.Linq.SaveOptions.DisableFormatting)), ct);
            deviceInfo = info;
            loaded = true;
            State.ClientLargeObjects = info.SupportLargeObjs;
            State.ClientBinData = BinItemData.IsAnnounced(info);
            return true;
        }
        catch (SyncMLFormatException ex)
        {
            ctx.Logger.LogWarning("{Session}: unreadable DevInf ignored: {Reason}", ctx.Describe(), LogRedaction.Reason(ex.Message));
            return false;
        }
    }
}
