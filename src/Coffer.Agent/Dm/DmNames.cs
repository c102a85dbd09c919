using Coffer.Agent.Sources;
using Coffer.SyncML;

namespace Coffer.Agent.Dm;

/// <summary>
/// Node names of files and app ids: the name URI-escaped (OMA-TS-DM_TND-V1_2 §6.4: a node name is one URI segment),
/// so <c>settings/net/wifi.conf</c> under Settings is the node <c>net%2Fwifi.conf</c>.
/// </summary>
public static class DmNames
{
    public static string Escape(string name) => Uri.EscapeDataString(name);

    /// <summary>The file path a node name stands for; 400 when it would leave its folder or hide a file.</summary>
    public static string Unescape(string node)
    {
        var name = Uri.UnescapeDataString(node);
        return ItemPaths.IsSafe(name)
            ? name
            : throw new DmCommandException(StatusCode.BadRequest, $"'{node}' is not a node name a file can have");
    }
}
