using System.Diagnostics;
using System.Net.Http.Headers;

namespace Coffer.Agent.Protocol;

/// <summary>
/// SyncML over HTTP POST (OMA-TS-SyncML_HTTPBinding-V1_2 §5). An optional gate bounds how many requests are in
/// flight at once; the recorder is told each round trip, measured from the request leaving to the whole reply read
/// (time spent waiting for the gate is not part of it).
/// </summary>
public sealed class HttpSyncTransport(HttpClient client, SemaphoreSlim? gate = null, IExchangeRecorder? recorder = null) : ISyncHeaderTransport
{
    private const string HmacHeader = "x-syncml-hmac";

    public Task<SyncExchange> PostAsync(Uri url, byte[] body, string contentType, CancellationToken cancellationToken) =>
        PostAsync(url, body, contentType, [], cancellationToken);

    public async Task<SyncExchange> PostAsync(Uri url, byte[] body, string contentType, IReadOnlyList<KeyValuePair<string, string>> headers, CancellationToken cancellationToken)
    {
        if (gate != null)
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
            foreach (var (name, value) in headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            var started = Stopwatch.GetTimestamp();

            // The reply is read here, not buffered by HttpClient: a multi-MB reply of a restore would otherwise be
            // copied through a growing pooled buffer and then once more into its array.
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var reply = await ReadBodyAsync(response.Content, started, cancellationToken).ConfigureAwait(false);
            recorder?.Record(Stopwatch.GetElapsedTime(started));
            return new SyncExchange((int)response.StatusCode, reply, response.Content.Headers.ContentType?.MediaType)
            {
                Hmac = response.Headers.TryGetValues(HmacHeader, out var hmac) ? string.Join(", ", hmac) : null,
            };
        }
        finally
        {
            gate?.Release();
        }
    }

    /// <summary>
    /// The whole body, into an array of the Content-Length's size; within the client's Timeout and
    /// MaxResponseContentBufferSize, as a buffered read would be.
    /// </summary>
    private async Task<byte[]> ReadBodyAsync(HttpContent content, long started, CancellationToken cancellationToken)
    {
        var length = content.Headers.ContentLength;
        if (length is not { } exact)
        {
            return await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }

        if (exact > client.MaxResponseContentBufferSize)
        {
            throw new HttpRequestException($"the reply of {exact} bytes exceeds the limit of {client.MaxResponseContentBufferSize}");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (client.Timeout != Timeout.InfiniteTimeSpan)
        {
            timeout.CancelAfter(TimeSpan.FromTicks(Math.Max(1, (client.Timeout - Stopwatch.GetElapsedTime(started)).Ticks)));
        }

        var reply = new byte[exact];
        try
        {
            await using var stream = await content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            await stream.ReadExactlyAsync(reply, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // As HttpClient reports its own Timeout.
            throw new TaskCanceledException($"the reply was not read within the client's timeout of {client.Timeout.TotalSeconds} s", new TimeoutException(e.Message, e));
        }
        catch (IOException e)
        {
            // As HttpClient's buffered read reports a connection lost mid-body (a resume must tell it from a missing
            // spool file, which is an IOException of its own).
            throw new HttpRequestException($"the reply was cut before its {exact} bytes: {e.Message}", e);
        }

        return reply;
    }
}
