namespace Coffer.Agent.Protocol;

/// <summary>Carries one SyncML message to the server and brings back its reply (one HTTP POST in the HTTP binding).</summary>
public interface ISyncTransport
{
    Task<SyncExchange> PostAsync(Uri url, byte[] body, string contentType, CancellationToken cancellationToken);
}
