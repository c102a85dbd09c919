using System.Diagnostics;
using System.Net.Http.Headers;

namespace Coffer.Agent.Protocol;

/// <summary>
/// SyncML over HTTP POST (OMA-TS-SyncML_HTTPBinding-V1_2 §5). An optional gate bounds how many requests are in
/// flight at once; the recorder is told each round trip, measured from the request leaving to the whole reply read
/// (time spent waiting for the gate is not part of it).
/// </summary>
public sealed class HttpSyncTransport(HttpClient client, SemaphoreSlim? gate = null, IExchangeRecorder? recorder = null) : ISyncTransport
{
    public async Task<SyncExchange> PostAsync(Uri url, byte[] body, string contentType, CancellationToken cancellationToken)
    {
        if (gate != null)
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            var started = Stopwatch.GetTimestamp();
            using var response = await client.PostAsync(url, content, cancellationToken).ConfigureAwait(false);
            var reply = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            recorder?.Record(Stopwatch.GetElapsedTime(started));
            return new SyncExchange((int)response.StatusCode, reply, response.Content.Headers.ContentType?.MediaType);
        }
        finally
        {
            gate?.Release();
        }
    }
}
