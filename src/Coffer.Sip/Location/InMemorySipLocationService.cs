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
        var now = time.GetUtcNow();
        lock (_lock)
        {
            IReadOnlyList<SipBinding> live = _users.TryGetValue(user, out var devices)
                ? devices.Values.Where(b => b.ExpiresAt > now).OrderBy(b => b.Device, StringComparer.Ordinal).ToList()
                : [];
            return Task.FromResult(live);
        }
    }

    public Task ApplyAsync(string user, IReadOnlyList<SipBinding> bindings, IReadOnlyList<string> removedDevices, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
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

        return Task.CompletedTask;
    }
}
