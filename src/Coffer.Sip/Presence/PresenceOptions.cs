using System.Net;
using Coffer.Sip.Auth;

namespace Coffer.Sip.Presence;

/// <summary>The notifier's settings: subscription intervals, authentication, and how often it looks for changes.</summary>
public sealed class PresenceOptions
{
    /// <summary>The interval of a SUBSCRIBE without Expires (RFC 6665 §7.2: the package's default).</summary>
    public TimeSpan DefaultExpires { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A longer interval is shortened to this (RFC 6665 §4.2.1.1), like a registration (seed 003 step 5).</summary>
    public TimeSpan MaxExpires { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A shorter non-zero interval gets 423 Interval Too Brief (RFC 6665 §4.2.1.1).</summary>
    public TimeSpan MinExpires { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The digest challenges of a 401, in order of preference.</summary>
    public IReadOnlyList<DigestAlgorithm> ChallengeAlgorithms { get; init; } = [DigestAlgorithm.Sha256, DigestAlgorithm.Md5];

    /// <summary>The Retry-After of a 503 to a throttled name or address.</summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often the bindings of every watched account are read again: expiries, and registrations another node
    /// accepted, are seen this late at most. Registrations through this node's registrar are seen at once.
    /// </summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The address written in the Via and Contact of our NOTIFYs; null: the transport's listening address.</summary>
    public IPEndPoint? Advertised { get; init; }
}
