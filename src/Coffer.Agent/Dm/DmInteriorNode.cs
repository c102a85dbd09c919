namespace Coffer.Agent.Dm;

/// <summary>A permanent interior node whose children are fixed by the tree's description (OMA-TS-DM_TND-V1_2 §6 "permanent nodes").</summary>
public sealed class DmInteriorNode : DmNode
{
    private readonly List<DmNode> children = [];

    public DmInteriorNode(string name, DmAcl? acl = null, params DmNode[] children)
        : base(name, acl)
    {
        foreach (var child in children)
        {
            this.children.Add(Adopt(child));
        }
    }

    public override bool IsInterior => true;

    public override IEnumerable<string> ChildNames() => children.Select(c => c.Name);

    public override DmNode? Child(string name) => children.FirstOrDefault(c => c.Name == name);
}
