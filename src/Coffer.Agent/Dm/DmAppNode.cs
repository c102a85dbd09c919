using Coffer.SyncML;

namespace Coffer.Agent.Dm;

/// <summary>./Coffer/Backup/Apps/ID: the app's fields and Operations/Install; Delete uninstalls it.</summary>
public sealed class DmAppNode(string name, string id, DmAppStore apps) : DmNode(name)
{
    public override bool IsInterior => true;

    public override IEnumerable<string> ChildNames()
    {
        var entry = apps.Find(id);
        return entry == null
            ? []
            : Enum.GetValues<DmAppField>().Where(f => DmAppLeaf.Exists(f, entry, apps)).Select(f => f.ToString()).Append("Operations");
    }

    public override DmNode? Child(string name)
    {
        if (name == "Operations")
        {
            return Adopt(new DmInteriorNode("Operations", null, new DmAppInstallNode(id, apps)));
        }

        return Enum.TryParse<DmAppField>(name, out var field) && Enum.IsDefined(field) && apps.Find(id) is { } entry && DmAppLeaf.Exists(field, entry, apps)
            ? Adopt(new DmAppLeaf(field, id, apps))
            : null;
    }

    public override void AddChild(string name, DmNodeData data)
    {
        if (!Enum.TryParse<DmAppField>(name, out var field) || !Enum.IsDefined(field))
        {
            throw new DmCommandException(StatusCode.CommandNotAllowed, $"an app has no node {name}");
        }

        DmAppLeaf.Set(field, id, apps, data);
    }

    public override void Delete() => apps.Remove(id);
}
