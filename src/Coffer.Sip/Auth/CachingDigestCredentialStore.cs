using System.Collections.Concurrent;

namespace Coffer.Sip.Auth;

/// <summary>
/// Keeps the HA1s another credential store found for at most <paramref name="lifetime"/>, so a device refreshing its
/// registration (every 30 s with the seed's 60 s Expires) costs no store read and no unsealing each time. A password
/// changed, or an account disabled, elsewhere is seen here after at most the lifetime; unknown users are never kept
/// (each lookup asks the store again, and the registrar's throttle bounds how often).
/// </summary>
public sealed class CachingDigestCredentialStore(IDigestCredentialStore inner, TimeProvider time, TimeSpan lifetime) : IDigestCredentialStore
{
    private readonly ConcurrentDictionary<(string User, string Realm, DigestAlgorithm Algorithm), (string Ha1, long Until)> _found = new();
    private long _nextSweep;

    public async ValueTask<string?> FindHa1Async(string username, string realm, DigestAlgorithm algorithm, CancellationToken cancellationToken = default)
    {
        var now = time.GetTimestamp();
        var key = (username, realm, algorithm);
        if (_found.TryGetValue(key, out var kept) && kept.Until > now)
        {
            return kept.Ha1;
        }

        var ha1 = await inner.FindHa1Async(username, realm, algorithm, cancellationToken).ConfigureAwait(false);
        if (ha1 is null)
        {
            _found.TryRemove(key, out _);
            return null;
        }

        _found[key] = (ha1, now + Ticks(lifetime));
        Sweep(now);
        return ha1;
    }

    /// <summary>Drops what has expired, at most once per lifetime, so users who stopped registering do not stay.</summary>
    private void Sweep(long now)
    {
        var next = Interlocked.Read(ref _nextSweep);
        if (now < next || Interlocked.CompareExchange(ref _nextSweep, now + Ticks(lifetime), next) != next)
        {
            return;
        }

        foreach (var (key, kept) in _found)
        {
            if (kept.Until <= now)
            {
                _found.TryRemove(key, out _);
            }
        }
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * time.TimestampFrequency);
}
