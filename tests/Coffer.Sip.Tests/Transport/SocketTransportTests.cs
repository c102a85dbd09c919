using System.Net;
using Coffer.Sip.Message;
using Coffer.Sip.Transport;
using static Coffer.Sip.Tests.Transport.TransportTestMessages;

namespace Coffer.Sip.Tests.Transport;

public class SocketTransportTests
{
    private static readonly IPEndPoint Loopback = new(IPAddress.Loopback, 0);

    [Fact]
    public async Task Udp_delivers_a_datagram_and_stamps_received_and_rport()
    {
        await using var server = new UdpSipTransport(Loopback);
        await using var client = new UdpSipTransport(Loopback);
        // The sent-by names another port than the one the datagram really comes from (a NAT would do that).
        await client.SendAsync(Register("UDP", "127.0.0.1:5999"), server.LocalEndPoint);
        var inbound = await Within(server.Incoming.ReadAsync().AsTask());
        var request = inbound.Message.ShouldBeOfType<SipRequest>();
        inbound.Remote.Port.ShouldBe(client.LocalEndPoint.Port);
        var via = request.TopVia!;
        via.RPort.ShouldBe(client.LocalEndPoint.Port);
        via.Received.ShouldBe("127.0.0.1");
        ViaStamp.ResponseDestination(via).ShouldBe(client.LocalEndPoint);
    }

    [Fact]
    public async Task Udp_counts_and_drops_garbage()
    {
        await using var server = new UdpSipTransport(Loopback);
        using var raw = new System.Net.Sockets.UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await raw.SendAsync("not sip\r\n\r\n"u8.ToArray(), server.LocalEndPoint);
        await using var client = new UdpSipTransport(Loopback);
        await client.SendAsync(Register("UDP", "127.0.0.1"), server.LocalEndPoint);
        (await Within(server.Incoming.ReadAsync().AsTask())).Message.ShouldBeOfType<SipRequest>();
        server.Malformed.ShouldBe(1);
    }

    [Fact]
    public async Task Tcp_frames_by_Content_Length_and_answers_over_the_same_connection()
    {
        await using var server = new TcpSipTransport(Loopback);
        await using var client = new TcpSipTransport(Loopback);
        await client.SendAsync(Register("TCP", "127.0.0.1", "z9hG4bKa", bodyLength: 3000), server.LocalEndPoint);
        await client.SendAsync(Register("TCP", "127.0.0.1", "z9hG4bKb"), server.LocalEndPoint);
        var first = await Within(server.Incoming.ReadAsync().AsTask());
        var second = await Within(server.Incoming.ReadAsync().AsTask());
        first.Message.Body.Length.ShouldBe(3000);
        first.Message.TopVia!.Branch.ShouldBe("z9hG4bKa");
        second.Message.TopVia!.Branch.ShouldBe("z9hG4bKb");
        var response = new SipResponse { StatusCode = 200, ReasonPhrase = "OK" };
        foreach (var h in first.Message.Headers.Where(h => h.Name is HeaderNames.Via or HeaderNames.From or HeaderNames.To or HeaderNames.CallId or HeaderNames.CSeq))
        {
            response.Headers.Add(h);
        }
        await server.SendAsync(response, first.Remote);
        var answer = await Within(client.Incoming.ReadAsync().AsTask());
        answer.Message.ShouldBeOfType<SipResponse>().StatusCode.ShouldBe(200);
        server.ConnectionCount.ShouldBe(1);
        client.ConnectionCount.ShouldBe(1);
    }
}
