using Coffer.Storage;

namespace Coffer.Interop.Tests.Harness;

/// <summary>Comparison rules for items that travelled phone → Coffer → phone.</summary>
public static class ServerItems
{
    /// <summary>
    /// Properties to ignore when comparing a restored folder with the original: the engine-stamped ones
    /// (<see cref="PimItemNormalizer.EngineStamped"/>) plus timestamps the client's format layer stamps on every
    /// item it writes (LAST-MODIFIED, DTSTAMP), plus UID only when the server never received it: SyncEvolution's
    /// vCard 3.0 profile does not send UID at all (its Add carries none), so no server can give it back. When the
    /// stored copies do carry UIDs, UID is compared like everything else.
    /// </summary>
    public static async Task<IReadOnlyList<string>> IgnoredRewritesAsync(CofferServer server, string user, DatastoreKind kind)
    {
        var ignore = new List<string>(PimItemNormalizer.EngineStamped) { "LAST-MODIFIED", "DTSTAMP" };
        var stored = await server.LiveItemsAsync(user, kind);
        if (stored.Count > 0 && stored.All(i => !HasProperty(i, "UID")))
        {
            ignore.Add("UID");
        }

        return ignore;
    }

    /// <summary>True when an unfolded line of <paramref name="item"/> is property <paramref name="name"/>.</summary>
    public static bool HasProperty(string item, string name) =>
        item.ReplaceLineEndings("\n").Split('\n').Any(l =>
            l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase) || l.StartsWith(name + ";", StringComparison.OrdinalIgnoreCase));
}
