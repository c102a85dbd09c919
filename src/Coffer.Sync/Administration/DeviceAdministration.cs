using System.Globalization;
using System.Text;
using Coffer.Storage;
using Coffer.SyncML;
using Coffer.SyncML.DevInf;

namespace Coffer.Sync.Administration;

/// <summary>Every user's devices for administrators: list, details with the DevInf the device sent, delete (audited).</summary>
public sealed class DeviceAdministration(ICofferStore store)
{
    public async Task<IReadOnlyList<AdminDeviceSummary>> ListAsync(CancellationToken ct = default)
    {
        await using var read = await store.BeginReadAsync(ct);
        var list = new List<AdminDeviceSummary>();
        foreach (var user in await read.Users.ListAsync(ct))
        {
            foreach (var device in await read.Devices.ListAsync(user.Id, ct))
            {
                list.Add(Summary(device, user.Name, withDevInf: false));
            }
        }

        return list;
    }

    public async Task<AdminDeviceSummary?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var read = await store.BeginReadAsync(ct);
        var device = await read.Devices.GetByIdAsync(id, ct);
        var user = device == null ? null : await read.Users.GetAsync(device.UserId, ct);
        return user == null ? null : Summary(device!, user.Name, withDevInf: true);
    }

    public async Task<AdminResult> DeleteAsync(string actor, long id, CancellationToken ct = default)
    {
        await using var uow = await store.BeginAsync(ct);
        var device = await uow.Devices.GetByIdAsync(id, ct);
        var user = device == null ? null : await uow.Users.GetAsync(device.UserId, ct);
        if (user == null)
        {
            return AdminResult.Refused("No such device.");
        }

        await uow.Devices.DeleteAsync(id, ct);
        await uow.AuditLog.AppendAsync(actor, "device.delete", $"{device!.DeviceId} of {user.Name}", $"device {id.ToString(CultureInfo.InvariantCulture)}", ct);
        await uow.CommitAsync(ct);
        return AdminResult.Ok($"Deleted device {device.DeviceId} of '{user.Name}'; its next sync is a slow sync.");
    }

    // The engine stores the DevInf element as UTF-8 XML (DeviceInfoExchange), whatever encoding the device used.
    private static AdminDeviceSummary Summary(Device device, string userName, bool withDevInf)
    {
        var xml = withDevInf && device.DevInf is { } bytes ? Encoding.UTF8.GetString(bytes) : null;
        return new(device.Id, device.UserId, userName, device.DeviceId, device.FirstSeen, device.LastAccess, device.LoginCount, xml, Decode(xml));
    }

    private static DeviceInfo? Decode(string? xml)
    {
        if (xml == null)
        {
            return null;
        }

        try
        {
            return DevInfXml.Parse(xml);
        }
        catch (Exception e) when (e is SyncMLFormatException or System.Xml.XmlException)
        {
            return null;
        }
    }
}
