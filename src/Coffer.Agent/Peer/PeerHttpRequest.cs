using System.Net;

namespace Coffer.Agent.Peer;

/// <summary>One POST a peer sent: the request target (path and query), its Content-Type, the body and who sent it.</summary>
public sealed record PeerHttpRequest(string Target, string ContentType, byte[] Body, IPAddress Remote)
{
    /// <summary>The value of query parameter <paramref name="name"/>, unescaped; null when absent.</summary>
    public string? Query(string name)
    {
        var q = Target.IndexOf('?', StringComparison.Ordinal);
        if (q < 0)
        {
            return null;
        }

        foreach (var pair in Target[(q + 1)..].Split('&'))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? pair : pair[..eq];
            if (string.Equals(Uri.UnescapeDataString(key), name, StringComparison.Ordinal))
            {
                return eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
            }
        }

        return null;
    }
}
