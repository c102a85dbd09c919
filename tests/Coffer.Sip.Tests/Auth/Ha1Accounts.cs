using Coffer.Sip.Auth;

namespace Coffer.Sip.Tests.Auth;

/// <summary>An account store of the shape the authenticator asks for: HA1 per algorithm, computed when the password was set.</summary>
internal sealed class Ha1Accounts : IDigestCredentialStore
{
    private readonly Dictionary<(string, string, DigestAlgorithm), string> _ha1 = [];

    /// <summary>How many times the authenticator (or a cache in front) asked.</summary>
    public int Lookups { get; private set; }

    public Ha1Accounts Add(string username, string realm, string password)
    {
        foreach (var algorithm in Enum.GetValues<DigestAlgorithm>())
        {
            _ha1[(username, realm, algorithm)] = DigestHash.Ha1(algorithm, username, realm, password);
        }
        return this;
    }

    public ValueTask<string?> FindHa1Async(string username, string realm, DigestAlgorithm algorithm, CancellationToken cancellationToken = default)
    {
        Lookups++;
        return ValueTask.FromResult(_ha1.GetValueOrDefault((username, realm, algorithm)));
    }
}
