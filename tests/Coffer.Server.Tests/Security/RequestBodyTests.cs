using System.Net.Sockets;
using Coffer.SyncML;

namespace Coffer.Server.Tests.Security;

/// <summary>Finding 3: request bodies are read as they arrive, within a limit.</summary>
[Collection(SecuritySuite.Name)]
public sealed class RequestBodyTests
{
    [Fact]
    public async Task RequestBodyLimit_DeclaredContentLengthOverTheLimit_Gets413WithoutReadingIt()
    {
        await using var server = await RunningServer.StartAsync([.. ServerArgs.NoThrottling, "--Coffer:Sync:MaxMsgSize=65536"]);

        using var connection = await RawHttp.StartPostAsync(server, contentLength: 8L * 1024 * 1024);
        var status = await RawHttp.ReadStatusLineAsync(connection, TimeSpan.FromSeconds(15));

        // RFC 9110 §15.5.14: 413 Content Too Large, answered from the declared length alone (no body was sent).
        status.ShouldStartWith("HTTP/1.1 413");
    }

    [Fact]
    public async Task SlowBodies_200ConnectionsDeclaring4MB_DoNotMakeTheServerAllocatePerConnection()
    {
        await using var server = await RunningServer.StartAsync(ServerArgs.NoThrottling);
        await server.AddUserAsync("alice", "secret");
        var phone = new SecurityClient(server.Client, "phone", "alice", "secret");
        await phone.SyncAsync(AlertCode.SlowSync, SyncMessages.Add("L1", SyncMessages.VCard("Warm Up")));
        const long declared = 4_000_000;
        var connections = new List<TcpClient>();
        try
        {
            var allocated = await Measure.AllocatedBytesAsync(async () =>
            {
                for (var i = 0; i < 200; i++)
                {
                    connections.Add(await RawHttp.StartPostAsync(server, declared, "<SyncML"));
                }

                // A normal sync goes through meanwhile.
                await phone.SyncAsync(AlertCode.SlowSync, SyncMessages.Add("L2", SyncMessages.VCard("During Trickle")));
                await Task.Delay(500);
            });

            allocated.ShouldBeLessThan(100L * 1024 * 1024, $"{allocated / (1024 * 1024)} MiB allocated for 200 connections that sent 7 bytes each (200 × {declared} declared)");
            (await server.ContactsAsync("alice")).Values.ShouldContain(v => v.Contains("During Trickle", StringComparison.Ordinal));
        }
        finally
        {
            connections.ForEach(c => c.Dispose());
        }
    }
}
