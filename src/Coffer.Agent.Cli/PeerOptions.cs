using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Coffer.Agent.Config;

namespace Coffer.Agent.Cli;

/// <summary>
/// Where peer mode talks SIP (<c>--sip-server HOST:PORT</c>, else the configuration's, else the server URL's host on
/// <c>--sip PORT</c>, 5060 by default) and which local address it binds for SIP and the direct transfers
/// (<c>--listen ADDR</c>, else the address this host reaches the SIP server from).
/// </summary>
internal sealed class PeerOptions
{
    public const int DefaultSipPort = 5060;

    public Option<string?> SipServer { get; } = new("--sip-server") { Description = "the SIP control server, HOST:PORT (default: the configuration's, else the server URL's host)" };

    public Option<int?> SipPort { get; } = new("--sip") { Description = $"the SIP port on the server URL's host (default {DefaultSipPort})" };

    public Option<string?> Listen { get; } = new("--listen") { Description = "the local address to bind for SIP and the direct transfer (default: the one that reaches the SIP server)" };

    public void AddTo(Command command)
    {
        command.Options.Add(SipServer);
        command.Options.Add(SipPort);
        command.Options.Add(Listen);
    }

    /// <summary>
    /// The SIP server and the local address together, or null after reporting why not (a HOST:PORT or address that
    /// does not parse, a name that does not resolve) as an error of <paramref name="verb"/>.
    /// </summary>
    public async Task<(IPEndPoint Server, IPAddress Local)?> EndpointsAsync(ParseResult pr, AgentConfig config, Output output, string verb, CancellationToken ct)
    {
        try
        {
            var server = await ServerAsync(pr, config, ct);
            return (server, LocalAddress(pr, server));
        }
        catch (Exception e) when (e is FormatException or SocketException)
        {
            output.Error($"{verb}: {e.Message}");
            return null;
        }
    }

    /// <summary>The SIP server's address.</summary>
    /// <exception cref="FormatException">HOST:PORT that does not parse.</exception>
    /// <exception cref="SocketException">A host name that does not resolve.</exception>
    public async Task<IPEndPoint> ServerAsync(ParseResult pr, AgentConfig config, CancellationToken ct)
    {
        var named = pr.GetValue(SipServer) ?? config.SipServer;
        var (host, port) = named is not null ? Split(named) : (config.ServerUrl.Host, pr.GetValue(SipPort) ?? DefaultSipPort);
        if (IPAddress.TryParse(host.Trim('[', ']'), out var address))
        {
            return new IPEndPoint(address, port);
        }

        var addresses = await Dns.GetHostAddressesAsync(host, ct);
        return new IPEndPoint(addresses.OrderBy(a => a.AddressFamily == AddressFamily.InterNetwork ? 0 : 1).First(), port);
    }

    /// <summary>The local address to bind: <c>--listen</c>, else the source address the OS picks towards <paramref name="server"/>.</summary>
    /// <exception cref="FormatException">An address that does not parse.</exception>
    public IPAddress LocalAddress(ParseResult pr, IPEndPoint server)
    {
        if (pr.GetValue(Listen) is { } listen)
        {
            return IPAddress.Parse(listen);
        }

        // Connecting a UDP socket sends nothing; it only has the kernel choose the route and so the source address.
        using var probe = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        probe.Connect(server);
        return ((IPEndPoint)probe.LocalEndPoint!).Address;
    }

    private static (string Host, int Port) Split(string hostPort)
    {
        var colon = hostPort.LastIndexOf(':');
        if (colon <= 0 || hostPort.EndsWith(']') || !int.TryParse(hostPort.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is 0 or > 65535)
        {
            throw new FormatException($"'{hostPort}' is not HOST:PORT");
        }

        return (hostPort[..colon], port);
    }
}
