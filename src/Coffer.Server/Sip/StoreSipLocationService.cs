using Coffer.Sip.Location;
using Coffer.Storage;

namespace Coffer.Server.Sip;

/// <summary>
/// The location service in the store (table sip_bindings), so every node and a restarted one see the same bindings.
/// The registrar's updates are group-committed (<see cref="SipBindingCommitQueue"/>).
/// </summary>
public sealed class StoreSipLocationService(ICofferStore store, TimeProvider time) : ISipLocationService, IAsyncDisposable
{
    private readonly SipBindingCommitQueue _updates = new(store, time);

    public Task<IReadOnlyList<SipBinding>?> UpdateAsync(string user, Func<IReadOnlyList<SipBinding>, SipBindingChange?> decide, CancellationToken cancellationToken = default) =>
        _updates.UpdateAsync(user, decide, cancellationToken);

    public ValueTask DisposeAsync() => _updates.DisposeAsync();

    public async Task<IReadOnlyList<SipBinding>> GetAsync(string user, CancellationToken cancellationToken = default)
    {
        await using var read = await store.BeginReadAsync(cancellationToken);
        if (await read.Users.FindByNameAsync(user, cancellationToken) is not { } account)
        {
            return [];
        }

        return (await read.SipBindings.ListAsync(account.Id, time.GetUtcNow(), cancellationToken)).Select(ToBinding).ToList();
    }

    public async Task ApplyAsync(string user, IReadOnlyList<SipBinding> bindings, IReadOnlyList<string> removedDevices, CancellationToken cancellationToken = default)
    {
        await using var uow = await store.BeginAsync(cancellationToken);
        if (await uow.Users.FindByNameAsync(user, cancellationToken) is not { } account)
        {
            return;
        }

        foreach (var device in removedDevices)
        {
            await uow.SipBindings.RemoveAsync(account.Id, device, cancellationToken);
        }

        foreach (var b in bindings)
        {
            await uow.SipBindings.PutAsync(new StoredSipBinding(account.Id, account.Name, b.Device, b.Contact, b.Received, b.ExpiresAt, b.CallId, b.CSeq, b.Node), cancellationToken);
        }

        await uow.CommitAsync(cancellationToken);
    }

    public static SipBinding ToBinding(StoredSipBinding b) =>
        new(b.UserName, b.Device, b.Contact, b.Received, b.ExpiresAt, b.CallId, (uint)b.CSeq, b.Node);
}
