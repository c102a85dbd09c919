using Coffer.Sip.Auth;

namespace Coffer.Bench.Sip;

/// <summary>HA1s in a dictionary, as the server's credential cache holds them once warm.</summary>
internal sealed class BenchCredentials : IDigestCredentialStore
{
    private readonly Dictionary<(string, string, DigestAlgorithm), string> _ha1 = [];

    public BenchCredentials Add(string username, string realm, string password)
    {
        foreach (var algorithm in Enum.GetValues<DigestAlgorithm>())
        {
            _ha1[(username, realm, algorithm)] = DigestHash.Ha1(algorithm, username, realm, password);
        }
        return this;
    }

    public ValueTask<string?> FindHa1Async(string username, string realm, DigestAlgorithm algorithm, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_ha1.GetValueOrDefault((username, realm, algorithm)));
}
