using Coffer.Sip.Auth;

namespace Coffer.Sip.Registrar;

/// <summary>Registration intervals (RFC 3261 §10.2.1.1, §10.3 step 7) and what the registrar says about itself.</summary>
public sealed class SipRegistrarOptions
{
    /// <summary>The interval granted when the REGISTER names none, and the most it grants (seed 003 step 5: 60 s).</summary>
    public TimeSpan DefaultExpires { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The most a binding is granted; a longer request is shortened to this.</summary>
    public TimeSpan MaxExpires { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A shorter non-zero interval gets 423 Interval Too Brief with Min-Expires.</summary>
    public TimeSpan MinExpires { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The Retry-After of the 503 a throttled client gets (about one failed attempt's refill).</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The challenges of a 401, in order of preference (RFC 8760 §2.4). Some deployed UAs (Debian's baresip 1.0.0)
    /// give up on a 401 that carries any SHA-256 challenge, so a host may offer MD5 alone; credentials of either
    /// algorithm are checked whatever was offered.
    /// </summary>
    public IReadOnlyList<DigestAlgorithm> ChallengeAlgorithms { get; set; } = [DigestAlgorithm.Sha256, DigestAlgorithm.Md5];

    /// <summary>This node's name, written into the bindings it accepts.</summary>
    public string Node { get; set; } = Environment.MachineName;
}
