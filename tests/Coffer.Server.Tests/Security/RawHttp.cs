using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Coffer.Server.Tests.Security;

/// <summary>HTTP/1.1 by hand over a socket, for requests HttpClient will not send (a body that never comes).</summary>
public static class RawHttp
{
    /// <summary>Opens a connection and sends a POST /sync head declaring <paramref name="contentLength"/>, then <paramref name="bodyStart"/>.</summary>
    public static async Task<TcpClient> StartPostAsync(RunningServer server, long contentLength, string bodyStart = "")
    {
        var client = new TcpClient();
        try
        {
            await client.ConnectAsync(server.BaseUri.Host, server.BaseUri.Port);
            var head = $"POST /sync HTTP/1.1\r\nHost: {server.BaseUri.Authority}\r\nContent-Type: {SecurityClient.XmlType}\r\n" +
                       $"Content-Length: {contentLength.ToString(CultureInfo.InvariantCulture)}\r\n\r\n{bodyStart}";
            await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(head));
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>The status line of the response (e.g. "HTTP/1.1 413 Payload Too Large"); fails when none comes in time.</summary>
    public static async Task<string> ReadStatusLineAsync(TcpClient client, TimeSpan patience)
    {
        using var timeout = new CancellationTokenSource(patience);
        var stream = client.GetStream();
        var line = new StringBuilder();
        var buffer = new byte[1];
        try
        {
            while (!line.ToString().EndsWith("\r\n", StringComparison.Ordinal))
            {
                if (await stream.ReadAsync(buffer, timeout.Token) == 0)
                {
                    throw new ShouldAssertException($"the server closed the connection without a response (after '{line}')");
                }

                line.Append((char)buffer[0]);
            }
        }
        catch (OperationCanceledException)
        {
            throw new ShouldAssertException($"no response within {patience.TotalSeconds} s: the server waits for the body");
        }

        return line.ToString().TrimEnd();
    }
}
