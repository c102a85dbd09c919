using Coffer.Sip.Location;

namespace Coffer.Sip.Presence;

/// <summary>
/// A location service that tells <paramref name="changed"/> the user whose bindings were just written, so that the
/// notifier sends its NOTIFYs at once rather than at its next poll.
/// </summary>
public sealed class ObservedSipLocationService(ISipLocationService inner, Action<string> changed) : ISipLocationService
{
    public Task<IReadOnlyList<SipBinding>> GetAsync(string user, CancellationToken cancellationToken = default) =>
        inner.GetAsync(user, cancellationToken);

    public async Task ApplyAsync(string user, IReadOnlyList<SipBinding> bindings, IReadOnlyList<string> removedDevices, CancellationToken cancellationToken = default)
    {
        await inner.ApplyAsync(user, bindings, removedDevices, cancellationToken).ConfigureAwait(false);
        changed(user);
    }

    public async Task<IReadOnlyList<SipBinding>?> UpdateAsync(string user, Func<IReadOnlyList<SipBinding>, SipBindingChange?> decide, CancellationToken cancellationToken = default)
    {
        var after = await inner.UpdateAsync(user, decide, cancellationToken).ConfigureAwait(false);
        if (after != null)
        {
            changed(user);
        }

        return after;
    }
}
