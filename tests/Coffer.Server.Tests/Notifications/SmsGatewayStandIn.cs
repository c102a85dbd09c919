using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Coffer.SyncML.San;

namespace Coffer.Server.Tests.Notifications;

/// <summary>
/// An SMS gateway on 127.0.0.1 (HttpListener) for the server's real SMS channel: it decodes each WAP Push it is
/// given back to its package #0 and counts them per device, at the time <see cref="Clock"/> says. It can hold one
/// request unanswered, as a gateway that took a message and stalls before it answers.
/// </summary>
public sealed class SmsGatewayStandIn : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(DateTimeOffset At, SanMessage Package)>> received = new();
    private readonly TaskCompletionSource held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task loop;
    private int requests;
    private int holdRequest = int.MaxValue;

    public SmsGatewayStandIn(TimeProvider clock)
    {
        Clock = clock;
        Url = new Uri($"http://127.0.0.1:{FreePort()}/sms/");
        listener.Prefixes.Add(Url.ToString());
        listener.Start();
        loop = AcceptAsync();
    }

    public Uri Url { get; }

    public TimeProvider Clock { get; }

    /// <summary>Requests received so far.</summary>
    public int Requests => Volatile.Read(ref requests);

    /// <summary>Completes when the held request has arrived.</summary>
    public Task Held => held.Task;

    /// <summary>The packages each device was sent, with the time they arrived.</summary>
    public IReadOnlyList<(DateTimeOffset At, SanMessage Package)> For(string device) =>
        received.TryGetValue(device, out var packages) ? [.. packages] : [];

    /// <summary>The devices that were sent anything.</summary>
    public IReadOnlyCollection<string> Devices => [.. received.Keys];

    /// <summary>Leaves the <paramref name="number"/>-th request (counting from 1 over the gateway's life) unanswered until disposed.</summary>
    public void HoldRequest(int number) => Volatile.Write(ref holdRequest, number);

    public async ValueTask DisposeAsync()
    {
        release.TrySetResult();
        listener.Close();
        try
        {
            await loop;
        }
        catch (ObjectDisposedException)
        {
        }
        catch (HttpListenerException)
        {
        }
    }

    private async Task AcceptAsync()
    {
        while (listener.IsListening)
        {
            var context = await listener.GetContextAsync();
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.InputStream);
            var device = body.RootElement.GetProperty("to").GetString()!;
            var package = SanCodec.Decode(WapPush.Decode(Convert.FromHexString(body.RootElement.GetProperty("data").GetString()!)));
            received.GetOrAdd(device, _ => new()).Enqueue((Clock.GetUtcNow(), package));
            if (Interlocked.Increment(ref requests) == Volatile.Read(ref holdRequest))
            {
                held.TrySetResult();
                await release.Task;
            }

            context.Response.StatusCode = (int)HttpStatusCode.Accepted;
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The server gave up on the request (it stopped): nothing to answer.
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
