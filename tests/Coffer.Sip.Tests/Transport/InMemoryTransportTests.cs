using System.Net;
using Coffer.Sip.Message;
using Coffer.Sip.Transport;
using static Coffer.Sip.Tests.Transport.TransportTestMessages;

namespace Coffer.Sip.Tests.Transport;

public class InMemoryTransportTests
{
    [Fact]
    public async Task Messages_cross_the_network_as_bytes_and_can_be_lost()
    {
        var network = new InMemorySipNetwork();
        await using var a = network.Attach(new IPEndPoint(IPAddress.Parse("10.0.0.1"), 5060));
        await using var b = network.Attach(new IPEndPoint(IPAddress.Parse("10.0.0.2"), 5060));
        var dropped = 0;
        network.Drop = (_, _, _) => dropped++ == 0;
        await a.SendAsync(Register("UDP", "10.0.0.1:5060", "z9hG4bKlost"), b.LocalEndPoint);
        await a.SendAsync(Register("UDP", "10.0.0.1:5060", "z9hG4bKkept"), b.LocalEndPoint);
        var inbound = await Within(b.Incoming.ReadAsync().AsTask());
        inbound.Message.TopVia!.Branch.ShouldBe("z9hG4bKkept");
        inbound.Remote.ShouldBe(a.LocalEndPoint);
        b.Incoming.TryRead(out _).ShouldBeFalse();
        network.Sent.ShouldBe(2);
    }
}
