using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Coffer.Storage;
using Coffer.Sync.Notifications;
using Coffer.SyncML.San;

namespace Coffer.Sync.Tests.Notifications;

/// <summary>
/// The SMS gateway channel against a real HTTP server on 127.0.0.1 (HttpListener) standing in for the gateway: what
/// arrives is a WAP Push whose body is the package #0, byte for byte, and the gateway's refusal is the reason.
/// </summary>
public sealed class SmsGatewayChannelTests : IDisposable
{
    private const string ServerId = "coffer";
    private readonly HttpListener listener = new();
    private readonly string prefix;
    private readonly HttpClient http = new();

    public SmsGatewayChannelTests()
    {
        prefix = $"http://127.0.0.1:{FreePort()}/";
        listener.Prefixes.Add(prefix);
        listener.Start();
    }

    public void Dispose()
    {
        listener.Close();
        http.Dispose();
    }

    [Fact]
    public async Task The_gateway_receives_the_package_as_a_WAP_Push_with_the_port_header()
    {
        var password = Convert.ToBase64String(Enumerable.Range(1, 18).Select(i => (byte)i).ToArray());
        var package = SanPackage.Build(ServerId, password, 4711, SanInitiator.Server, [new SanSync { SyncType = 206, ServerUri = "card" }, new SanSync { SyncType = 207, ServerUri = "photos" }]);
        var channel = new SmsGatewayChannel(http, new SmsGatewayOptions { Url = prefix + "send?to={device}" });
        var device = new Device(7, 3, "IMEI:35-209900-176148-1", null, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

        var delivering = channel.DeliverAsync(device, package, CancellationToken.None);
        var context = await listener.GetContextAsync();
        string body;
        using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync();
        }

        var query = context.Request.Url!.Query;
        context.Response.StatusCode = 202;
        context.Response.Close();
        (await delivering).ShouldBeNull();

        context.Request.HttpMethod.ShouldBe("POST");
        context.Request.ContentType.ShouldNotBeNull().ShouldStartWith("application/json");
        query.ShouldBe("?to=IMEI%3A35-209900-176148-1");
        var json = JsonDocument.Parse(body).RootElement;
        json.GetProperty("to").GetString().ShouldBe(device.DeviceId);
        json.GetProperty("udh").GetString().ShouldBe("0605040B8423F0");
        var pdu = Convert.FromHexString(json.GetProperty("data").GetString()!);
        pdu[1].ShouldBe((byte)0x06);
        pdu[3].ShouldBe((byte)0xCE);
        var received = WapPush.Decode(pdu);
        received.ShouldBe(package);
        SanDigest.Verify(received, ServerId, password, []).ShouldBeTrue();
        SanCodec.Decode(received).Syncs.Select(s => s.ServerUri).ShouldBe(["card", "photos"]);
    }

    [Fact]
    public async Task A_refusing_gateway_is_the_reason_the_delivery_failed()
    {
        var channel = new SmsGatewayChannel(http, new SmsGatewayOptions { Url = prefix, BodyTemplate = "{sms}", ContentType = "text/plain" });
        var device = new Device(7, 3, "phone", null, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

        var delivering = channel.DeliverAsync(device, [1, 2, 3], CancellationToken.None);
        var context = await listener.GetContextAsync();
        using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
        {
            (await reader.ReadToEndAsync()).ShouldStartWith("0605040B8423F0" + "0106");
        }

        context.Response.StatusCode = 503;
        context.Response.Close();

        (await delivering).ShouldNotBeNull().ShouldContain("503");
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
