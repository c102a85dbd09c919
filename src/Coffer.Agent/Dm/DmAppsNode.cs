using Coffer.SyncML;

using Coffer.SyncML.Dm;

namespace Coffer.Agent.Dm;

/// <summary>./Coffer/Backup/Apps: one interior child per application; Add of a child stages a new app.</summary>
public sealed class DmAppsNode(DmAppStore apps) : DmNode("Apps")
{
    public override bool IsInterior => true;

    public override IEnumerable<string> ChildNames() => apps.Ids().Select(DmNames.Escape);

    public override DmNode? Child(string name)
    {
        var id = Uri.UnescapeDataString(name);
        return apps.Find(id) != null ? Adopt(new DmAppNode(name, id, apps)) : null;
    }

    public override void AddChild(string name, DmNodeData data)
    {
        if (data.Format != DmFormat.Node)
        {
            throw new DmCommandException(StatusCode.UnsupportedMediaType, $"an app is an interior node (format node), not {data.Format}");
        }

        var id = Uri.UnescapeDataString(name);
        if (id.Length == 0)
        {
            throw new DmCommandException(StatusCode.BadRequest, "an app needs an id");
        }

        apps.Stage(id);
    }
}
