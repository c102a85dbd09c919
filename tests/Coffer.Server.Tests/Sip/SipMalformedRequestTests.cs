using System.Net;
using System.Net.Sockets;
using System.Text;
using Coffer.Server.Sip;
using Coffer.Sip.Transport;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Server.Tests.Sip;

/// <summary>
/// Every invalid RFC 4475 message sent to the running server: each gets the answer §3 names, statelessly, or nothing
/// when nothing can be answered. The server parses in Loose, so the few messages RFC 4475 lets a liberal element
/// accept (§3.1.2.9–§3.1.2.12, §3.1.2.14) are served as the requests they are: an INVITE is challenged by the proxy
/// (407), an OPTIONS answered 200.
/// </summary>
public sealed class SipMalformedRequestTests
{
    /// <summary>File → the final status expected (0: no answer at all).</summary>
    private static readonly Dictionary<string, int> Expected = new()
    {
        ["badinv01"] = 0, // §3.1.2.1: the top Via itself is outside the grammar: nowhere to answer
        ["clerr"] = 400, // §3.1.2.2
        ["ncl"] = 400, // §3.1.2.3
        ["scalar02"] = 400, // §3.1.2.4
        ["scalarlg"] = 0, // §3.1.2.5: a response, discarded
        ["quotbal"] = 400, // §3.1.2.6
        ["ltgtruri"] = 400, // §3.1.2.7
        ["lwsruri"] = 400, // §3.1.2.8
        ["lwsstart"] = 407, // §3.1.2.9: accepted by a liberal element; the INVITE is challenged
        ["trws"] = 200, // §3.1.2.10: accepted; OPTIONS
        ["escruri"] = 407, // §3.1.2.11: accepted with the Request-URI's headers dropped
        ["baddate"] = 407, // §3.1.2.12: accepted with the Date ignored
        ["regbadct"] = 400, // §3.1.2.13
        ["badaspec"] = 200, // §3.1.2.14: accepted; OPTIONS
        ["baddn"] = 400, // §3.1.2.15
        ["badvers"] = 505, // §3.1.2.16
        ["mismatch01"] = 400, // §3.1.2.17
        ["mismatch02"] = 400, // §3.1.2.18
        ["bigcode"] = 0, // §3.1.2.19: a response, discarded
        ["insuf"] = 0, // §3.3.1: no From, To or Call-ID to build a response from (RFC 3261 §8.2.6.2)
        ["multi01"] = 400, // §3.3.8
        ["mcl01"] = 400, // §3.3.9
    };

    [Fact]
    public async Task Every_invalid_rfc4475_request_gets_its_answer_over_udp()
    {
        await using var server = await RunningServer.StartAsync();
        var (udp, _) = await server.App.Services.GetRequiredService<SipServerHost>().Bound;
        using var socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));

        foreach (var name in Expected.Keys)
        {
            await socket.SendAsync(WithRport(Read(name)), udp);
        }
        // Sent last: a datagram that is dropped, or answered statelessly, is handled before the next one is read.
        await socket.SendAsync(Probe("UDP", (IPEndPoint)socket.Client.LocalEndPoint!), udp);

        var finals = new Dictionary<string, int>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!finals.ContainsKey("probe") || Expected.Any(e => e.Value != 0 && !finals.ContainsKey(e.Key)))
        {
            var datagram = await socket.ReceiveAsync(timeout.Token);
            Record(datagram.Buffer, finals);
        }

        finals.Remove("probe").ShouldBeTrue();
        finals.OrderBy(f => f.Key).ShouldBe(Expected.Where(e => e.Value != 0).OrderBy(e => e.Key));
    }

    [Fact]
    public async Task Invalid_requests_over_tcp_are_answered_on_their_connection()
    {
        await using var server = await RunningServer.StartAsync();
        var (_, tcp) = await server.App.Services.GetRequiredService<SipServerHost>().Bound;
        using var client = new TcpClient();
        await client.ConnectAsync(tcp);
        var stream = client.GetStream();
        // Not baddn (its file has no empty line after the header fields: on a stream it runs into the next message) nor
        // mcl01 (two Content-Lengths: a stream cannot be framed, the connection is closed).
        string[] sent = ["badvers", "mismatch01", "quotbal", "insuf", "ltgtruri", "scalar02"];
        foreach (var name in sent)
        {
            await stream.WriteAsync(Read(name));
        }
        await stream.WriteAsync(Probe("TCP", (IPEndPoint)client.Client.LocalEndPoint!));

        var framer = new SipStreamFramer();
        var finals = new Dictionary<string, int>();
        var buffer = new byte[8192];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!finals.ContainsKey("probe"))
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            read.ShouldBeGreaterThan(0, "the server keeps the connection open");
            framer.Append(buffer.AsSpan(0, read));
            while (framer.Next() is { } frame)
            {
                Record(frame, finals);
            }
        }

        finals.Remove("probe").ShouldBeTrue();
        finals.OrderBy(f => f.Key).ShouldBe(sent.Where(n => Expected[n] != 0).Select(n => KeyValuePair.Create(n, Expected[n])).OrderBy(f => f.Key));
    }

    private static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "rfc4475", name + ".dat"));

    /// <summary>
    /// The message with <c>;rport</c> at the end of its first Via line (RFC 3581 §3), so that the answer comes back
    /// to this socket rather than to the sent-by port; the rest of the message is byte for byte the RFC's.
    /// </summary>
    private static byte[] WithRport(byte[] message)
    {
        var text = Encoding.Latin1.GetString(message);
        var via = text.IndexOf("\r\nVia:", StringComparison.OrdinalIgnoreCase);
        via = via < 0 ? text.IndexOf("\r\nv:", StringComparison.OrdinalIgnoreCase) : via;
        if (via < 0)
        {
            return message;
        }
        var end = text.IndexOf("\r\n", via + 2, StringComparison.Ordinal);
        return Encoding.Latin1.GetBytes(text[..end] + ";rport" + text[end..]);
    }

    private static byte[] Probe(string transport, IPEndPoint local) => Encoding.ASCII.GetBytes(
        $"OPTIONS sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/{transport} {local};branch=z9hG4bKprobe;rport\r\nMax-Forwards: 70\r\n" +
        "From: <sip:probe@127.0.0.1>;tag=p\r\nTo: <sip:127.0.0.1>\r\nCall-ID: probe.1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");

    /// <summary>
    /// The final status of an answer by the file its Call-ID names (each RFC 4475 Call-ID starts with the file name).
    /// Read as text: an answer copies the request's CSeq and From as they came, which may be outside the grammar.
    /// </summary>
    private static void Record(byte[] answer, Dictionary<string, int> finals)
    {
        var lines = Encoding.Latin1.GetString(answer).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var callId = lines.Single(l => l.StartsWith("Call-ID:", StringComparison.Ordinal))["Call-ID:".Length..].Trim();
        if (status >= 200)
        {
            finals[callId[..callId.IndexOf('.', StringComparison.Ordinal)]] = status;
        }
    }
}
