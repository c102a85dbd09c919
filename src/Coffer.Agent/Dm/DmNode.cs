using Coffer.SyncML;

using Coffer.SyncML.Dm;

namespace Coffer.Agent.Dm;

/// <summary>
/// One node of the management tree (OMA-TS-DM_TND-V1_2 §6): interior (children, no value) or leaf (a value in a
/// format). The base refuses every command as the spec's status codes say; each kind of node allows what it can do.
/// </summary>
public abstract class DmNode(string name, DmAcl? acl = null)
{
    public string Name { get; } = name;

    public DmNode? Parent { get; private set; }

    /// <summary>The node's own ACL; empty means inherited from the parent (OMA-TS-DM_TND-V1_2 §7.7.1.1).</summary>
    public DmAcl Acl { get; } = acl ?? DmAcl.Empty;

    public abstract bool IsInterior { get; }

    public virtual string Format => DmFormat.Node;

    public virtual string? Type => null;

    public string Path => Parent == null ? Name : Parent.Path + "/" + Name;

    /// <summary>The ACL in force: the node's own, else the nearest ancestor's (OMA-TS-DM_TND-V1_2 §7.7.1.1).</summary>
    public DmAcl EffectiveAcl => !Acl.IsEmpty || Parent == null ? Acl : Parent.EffectiveAcl;

    public virtual IEnumerable<string> ChildNames() => [];

    public virtual DmNode? Child(string name) => null;

    /// <summary>A leaf's value; for an interior node its child names, <c>/</c>-separated (OMA-TS-DM_Protocol-V1_2 §6.6.7 "Get").</summary>
    public virtual DmNodeData Read() => new(DmFormat.Node, null, System.Text.Encoding.UTF8.GetBytes(string.Join('/', ChildNames())));

    /// <summary>Replace: a leaf's new value.</summary>
    public virtual void Write(DmNodeData data) =>
        throw new DmCommandException(StatusCode.CommandNotAllowed, $"{Path} cannot be replaced");

    /// <summary>Add of a child named <paramref name="name"/> (the name already checked to be free).</summary>
    public virtual void AddChild(string name, DmNodeData data) =>
        throw new DmCommandException(StatusCode.CommandNotAllowed, $"{Path} takes no new children");

    public virtual void Delete() =>
        throw new DmCommandException(StatusCode.CommandNotAllowed, $"{Path} is permanent: it cannot be deleted");

    public virtual void Exec(string? argument) =>
        throw new DmCommandException(StatusCode.CommandNotAllowed, $"{Path} cannot be executed");

    /// <summary>This node and its children linked to it (so paths and inherited ACLs resolve).</summary>
    protected internal T Adopt<T>(T child)
        where T : DmNode
    {
        child.Parent = this;
        return child;
    }

    /// <summary>A leaf's data in the text formats (chr, int, bool) after the format check every leaf of them makes.</summary>
    protected static string TextOf(DmNodeData data, params string[] formats)
    {
        if (!formats.Contains(data.Format, StringComparer.Ordinal))
        {
            throw new DmCommandException(StatusCode.UnsupportedMediaType, $"format {data.Format} where {string.Join(" or ", formats)} is expected");
        }

        return data.AsText();
    }
}
