using System.Text;
using Coffer.SyncML;
using Coffer.SyncML.DevInf;
using Microsoft.Extensions.Logging;

namespace Coffer.Sync.Engine;

internal sealed partial class MessageProcessor
{
    private const string DevInfXmlType = "application/vnd.syncml-devinf+xml";
    private const string DevInfWbxmlType = "application/vnd.syncml-devinf+wbxml";

    // The DevInf URI and DTD follow the SyncML version the client speaks (./devinf10, 11, 12; OMA-TS-DS_DevInf-V1_2 §5.1):
    // a SyncML 1.0 phone (Sony Ericsson P900) asks for ./devinf10 and cannot read a 1.2 DevInf.
    private string DevInfUri => state.Version switch
    {
        "1.0" => "./devinf10",
        "1.1" => "./devinf11",
        _ => "./devinf12",
    };

    private DevInfVersion DevInfVersionInUse => state.Version switch
    {
        "1.0" => DevInfVersion.V10,
        "1.1" => DevInfVersion.V11,
        _ => DevInfVersion.V12,
    };

    private async Task HandlePutAsync(PutCommand put, CancellationToken ct)
    {
        var item = put.Items.FirstOrDefault();
        var uri = item?.Source?.LocURI ?? item?.Target?.LocURI;
        if (item == null || uri == null || !uri.Contains("devinf", StringComparison.OrdinalIgnoreCase))
        {
            Respond(put, StatusCode.NotFound, null, uri);
            return;
        }

        var code = await StoreDeviceInfoAsync(item, ct) ? StatusCode.Ok : StatusCode.BadRequest;
        Respond(put, code, null, uri);
    }

    private async Task HandleResultsAsync(ResultsCommand results, CancellationToken ct)
    {
        var item = results.Items.FirstOrDefault();
        if (item != null && (item.Source?.LocURI ?? string.Empty).Contains("devinf", StringComparison.OrdinalIgnoreCase))
        {
            await StoreDeviceInfoAsync(item, ct);
        }

        Respond(results, StatusCode.Ok, null, item?.Source?.LocURI);
    }

    private void HandleGet(GetCommand get)
    {
        var item = get.Items.FirstOrDefault();
        var uri = item?.Target?.LocURI?.Trim();
        if (uri == null || !uri.Contains("devinf", StringComparison.OrdinalIgnoreCase))
        {
            Respond(get, StatusCode.NotFound, uri);
            return;
        }

        Respond(get, StatusCode.Ok, uri);
        var results = new ResultsCommand
        {
            MsgRef = msgId,
            CmdRef = get.CmdID,
            Meta = new MetInf { Type = state.Wbxml ? DevInfWbxmlType : DevInfXmlType },
        };
        results.Items.Add(new Item
        {
            Source = new SyncLocation(uri),
            Data = ItemData.FromElement(ServerDeviceInfo.Element(DevInfVersionInUse)),
        });
        reply.Add(results, 6000);
    }

    private void RequestDeviceInfo()
    {
        state.DevInfRequested = true;
        var get = new GetCommand { Meta = new MetInf { Type = state.Wbxml ? DevInfWbxmlType : DevInfXmlType } };
        get.Items.Add(new Item { Target = new SyncLocation(DevInfUri) });
        reply.Add(get, 400);
    }

    private async Task<bool> StoreDeviceInfoAsync(Item item, CancellationToken ct)
    {
        if (item.Data == null)
        {
            return false;
        }

        try
        {
            var element = item.Data.ToElement();
            var info = DevInfXml.Read(element);
            await uow.Devices.SetDevInfAsync(device.Id, Encoding.UTF8.GetBytes(element.ToString(System.Xml.Linq.SaveOptions.DisableFormatting)), ct);
            deviceInfo = info;
            deviceInfoLoaded = true;
            state.ClientLargeObjects = info.SupportLargeObjs;
            return true;
        }
        catch (SyncMLFormatException ex)
        {
            logger.LogWarning("{Session}: unreadable DevInf ignored: {Reason}", Describe(), ex.Message);
            return false;
        }
    }
}
