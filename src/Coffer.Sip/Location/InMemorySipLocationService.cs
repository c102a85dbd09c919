namespace Coffer.Sip.Location;

/// <summary>
/// A location service in one process's memory, on a <see cref="TimeProvider"/>: for a registrar without a store (the
/// agent's tests, a single node that may forget its bindings at restart).
/// </summary>
public sealed class InMemorySipLocationService(TimeProvider time) : ISipLocationService
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Dictionary<string, SipBinding>> _users = new(StringComparer.OrdinalIgnoreCase);

    public Task<IReadOnlyList<SipBinding>> GetAsync(string user, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<SipBinding>>(Live(user));
        }
    }

    public Task ApplyAsync(string user, IReadOnlyList<SipBinding> bindings, IReadOnlyList<string> removedDevices, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            Apply(user, bindings, removedDevices);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<SipBinding>?> UpdateAsync(string user, Func<IReadOnlyList<SipBinding>, SipBindingChange?> decide, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decide);
        lock (_lock)
        {
            if (decide(Live(user)) is not { } change)
            {
                return Task.FromResult<IReadOnlyList<SipBinding>?>(null);
            }

            Apply(user, change.Put, change.Removed);
            return Task.FromResult<IReadOnlyList<SipBinding>?>(Live(user));
        }
    }

    private List<SipBinding> Live(string user)
    {
        var now = time.GetUtcNow();
        return _users.TryGetValue(user, out var devices)
            ? devices.Values.Where(b => b.ExpiresAt > now).OrderBy(b => b.Device, StringComparer.Ordinal).ToList()
            : [];
    }

    private void Apply(string user, IReadOnlyList<SipBinding> bindings, IReadOnlyList<string> removedDevices)
    {
        var now = time.GetUtcNow();
        if (!_users.TryGetValue(user, out var devices))
        {
            devices = new Dictionary<string, SipBinding>(StringComparer.Ordinal);
            _users[user] = devices;
        }

        foreach (var device in removedDevices)
        {
            devices.Remove(device);
        }

        foreach (var binding in bindings)
        {
            devices[binding.Device] = binding;
        }

        foreach (var expired in devices.Values.Where(b => b.ExpiresAt <= now).Select(b => b.Device).ToList())
        {
            devices.Remove(expired);
        }
    }
}
