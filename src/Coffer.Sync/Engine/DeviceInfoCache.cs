using System.Collections.Concurrent;
using System.Security.Cryptography;
using Coffer.SyncML.DevInf;

namespace Coffer.Sync.Engine;

/// <summary>
/// Parsed DevInf documents by content: every message of a session (and every session of a device) needs the
/// device's CTCaps, and parsing its stored DevInf each time cost more than the rest of a small message. Entries are
/// keyed by a SHA-256 of the stored bytes, so a device that sends a new DevInf gets it parsed afresh. The parsed
/// <see cref="DeviceInfo"/> is shared and must be treated as read-only.
/// </summary>
internal sealed class DeviceInfoCache
{
    private const int Capacity = 1_000;
    private readonly ConcurrentDictionary<string, DeviceInfo> parsed = new(StringComparer.Ordinal);

    public DeviceInfo GetOrParse(byte[] stored)
    {
        var key = Convert.ToBase64String(SHA256.HashData(stored));
        if (parsed.TryGetValue(key, out var info))
        {
            return info;
        }

        info = DevInfXml.Parse(System.Text.Encoding.UTF8.GetString(stored));
        if (parsed.Count >= Capacity)
        {
            parsed.Clear();
        }

        parsed[key] = info;
        return info;
    }
}
