namespace Coffer.Agent.Dm;

/// <summary>A permanent interior node over one folder of the profile: a child per file, Add creates a file.</summary>
public sealed class DmFolderNode(string name, string folder, DmFileKind kind, DmProfileFiles files, DmAcl? acl = null) : DmNode(name, acl)
{
    public override bool IsInterior => true;

    public override IEnumerable<string> ChildNames() => files.List(folder).Select(DmNames.Escape);

    public override DmNode? Child(string name)
    {
        var path = folder + "/" + DmNames.Unescape(name);
        return files.Exists(path) ? Adopt(new DmFileLeaf(name, path, kind, files)) : null;
    }

    public override void AddChild(string name, DmNodeData data) =>
        files.Write(folder + "/" + DmNames.Unescape(name), DmFileLeaf.Accept(data), kind);
}
