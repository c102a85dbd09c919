using System.Text;
using Coffer.Storage;

namespace Coffer.Server.Tests.Security;

/// <summary>What the running server stored, read through its own store (never through the sync endpoint).</summary>
public static class ServerData
{
    public static async Task<UserAccount> UserAsync(this RunningServer server, string name)
    {
        await using var uow = await server.Store.BeginReadAsync();
        return await uow.Users.FindByNameAsync(name) ?? throw new ShouldAssertException($"no user {name}");
    }

    /// <summary>The live contacts of a user: item id (GUID) → vCard text.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ContactsAsync(this RunningServer server, string userName)
    {
        await using var uow = await server.Store.BeginReadAsync();
        var user = await uow.Users.FindByNameAsync(userName) ?? throw new ShouldAssertException($"no user {userName}");
        var datastore = await uow.Datastores.GetAsync(user.Id, DatastoreKind.Contacts);
        var items = new Dictionary<string, string>();
        if (datastore == null)
        {
            return items;
        }

        for (var after = 0L; ;)
        {
            var page = await uow.Items.ListLiveAsync(datastore.Id, after, 500);
            if (page.Count == 0)
            {
                return items;
            }

            foreach (var item in page)
            {
                items[item.Id] = Encoding.UTF8.GetString(item.Content ?? []);
            }

            after = page[^1].Sequence;
        }
    }

    public static async Task<IReadOnlyList<Device>> DevicesAsync(this RunningServer server, long userId)
    {
        await using var uow = await server.Store.BeginReadAsync();
        return await uow.Devices.ListAsync(userId);
    }

    /// <summary>The GUID a device's LUID is mapped to in the user's contacts, null when unmapped.</summary>
    public static async Task<string?> MappedGuidAsync(this RunningServer server, string userName, string deviceId, string luid)
    {
        await using var uow = await server.Store.BeginReadAsync();
        var user = await uow.Users.FindByNameAsync(userName) ?? throw new ShouldAssertException($"no user {userName}");
        var device = await uow.Devices.GetAsync(user.Id, deviceId);
        var datastore = await uow.Datastores.GetAsync(user.Id, DatastoreKind.Contacts);
        if (device == null || datastore == null)
        {
            return null;
        }

        var guids = await uow.IdMaps.GetGuidsAsync(device.Id, datastore.Id, [luid]);
        return guids.TryGetValue(luid, out var guid) ? guid : null;
    }
}
