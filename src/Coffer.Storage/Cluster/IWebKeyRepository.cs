namespace Coffer.Storage;

/// <summary>
/// The web's data-protection key ring (ASP.NET Core's key XML documents, each already encrypted by the host under the
/// master key), kept in the store so every node of a cluster protects and reads cookies and antiforgery tokens with
/// the same keys (docs/web.md). Documents are only added, never changed: the key ring revokes and expires keys by
/// adding documents.
/// </summary>
public interface IWebKeyRepository
{
    /// <summary>Every document, in the order added.</summary>
    Task<IReadOnlyList<WebKeyDocument>> ListAsync(CancellationToken cancellationToken = default);

    Task AddAsync(string name, string xml, CancellationToken cancellationToken = default);
}
