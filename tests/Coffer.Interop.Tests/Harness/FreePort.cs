using System.Net;
using System.Net.Sockets;

namespace Coffer.Interop.Tests.Harness;

/// <summary>Picks a currently unused TCP port on 127.0.0.1 for a server the harness starts.</summary>
public static class FreePort
{
    public static int Next()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    /// <summary>Waits until something accepts connections on 127.0.0.1:<paramref name="port"/>.</summary>
    public static async Task<bool> WaitUntilListeningAsync(int port, TimeSpan timeout, Func<bool>? giveUp = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (giveUp?.Invoke() == true)
            {
                return false;
            }

            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port).ConfigureAwait(false);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(100).ConfigureAwait(false);
            }
        }

        return false;
    }
}
