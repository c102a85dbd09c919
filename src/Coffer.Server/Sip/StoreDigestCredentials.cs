using Coffer.Sip.Auth;
using Coffer.Storage;

namespace Coffer.Server.Sip;

/// <summary>The accounts' SIP HA1s (stored sealed wherever a password is set) for the digest authenticator.</summary>
public sealed class StoreDigestCredentials(ICofferStore store) : IDigestCredentialStore
{
    public async ValueTask<string?> FindHa1Async(string username, string realm, DigestAlgorithm algorithm, CancellationToken cancellationToken = default)
    {
        await using var read = await store.BeginReadAsync(cancellationToken);
        var name = algorithm == DigestAlgorithm.Sha256 ? SipDigestCredential.Sha256 : SipDigestCredential.Md5;
        var found = await read.SipCredentials.FindAsync(username, realm, name, cancellationToken);

        // HA1 was computed over the account's name as written; another spelling would never match, so it is unknown.
        return found is not null && string.Equals(found.Name, username, StringComparison.Ordinal) ? found.Ha1 : null;
    }
}
