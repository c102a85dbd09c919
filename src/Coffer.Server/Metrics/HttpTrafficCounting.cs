using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Coffer.Server.Metrics;

/// <summary>
/// Kestrel connection middleware on every HTTP endpoint: the bytes of each connection, as they cross the transport
/// (request and response lines, headers and bodies; the TLS records when HTTPS is added after it), go to one
/// <see cref="HttpTrafficCounter"/>. Counting at the connection costs one interlocked add per read or write, and
/// shows what the server moved whatever the endpoint.
/// </summary>
public static class HttpTrafficCounting
{
    public static void CountTraffic(this ListenOptions listen, HttpTrafficCounter counter) =>
        listen.Use(next => async connection =>
        {
            var transport = connection.Transport;
            connection.Transport = new CountingDuplexPipe(transport, counter);
            try
            {
                await next(connection);
            }
            finally
            {
                connection.Transport = transport;
            }
        });
}
