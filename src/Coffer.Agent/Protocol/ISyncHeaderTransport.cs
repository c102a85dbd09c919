namespace Coffer.Agent.Protocol;

/// <summary>A transport that also sends HTTP headers of the caller's, as DM's <c>x-syncml-hmac</c> (OMA-TS-DM_Security-V1_2 §5.5.2).</summary>
public interface ISyncHeaderTransport : ISyncTransport
{
    Task<SyncExchange> PostAsync(Uri url, byte[] body, string contentType, IReadOnlyList<KeyValuePair<string, string>> headers, CancellationToken cancellationToken);
}
