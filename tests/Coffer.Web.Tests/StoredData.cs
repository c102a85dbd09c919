using Coffer.Storage;

namespace Coffer.Web.Tests;

/// <summary>What the test server's store holds, read directly (to check that a page's change really happened).</summary>
public static class StoredData
{
    public static async Task<long> CountLiveAsync(this WebServer server, UserAccount user, DatastoreKind kind)
    {
        await using var uow = await server.Store.BeginReadAsync();
        var datastore = await uow.Datastores.GetAsync(user.Id, kind);
        return datastore == null ? 0 : await uow.Items.CountLiveAsync(datastore.Id);
    }
}
