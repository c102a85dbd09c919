namespace Coffer.Dm.Tests;

/// <summary>A small in-memory management tree (OMA-TS-DM_TND-V1_2): nodes by absolute path; interior nodes list their children.</summary>
public sealed class TestTree
{
    private readonly SortedDictionary<string, DmNode> nodes = new(StringComparer.Ordinal);

    public IReadOnlyCollection<DmNode> Nodes => nodes.Values;

    public List<string> Installed { get; } = [];

    public DmNode? this[string path] => nodes.GetValueOrDefault(path);

    public static TestTree Device(string devId, string man, string mod, string firmware)
    {
        var tree = new TestTree();
        tree.Leaf("./DevInfo/DevId", devId);
        tree.Leaf("./DevInfo/Man", man);
        tree.Leaf("./DevInfo/Mod", mod);
        tree.Leaf("./DevInfo/DmV", "1.2");
        tree.Leaf("./DevInfo/Lang", "en-US");
        tree.Leaf("./DevDetail/FwV", firmware);
        tree.Leaf("./DevDetail/SwV", "1.0");
        tree.Leaf("./DevDetail/HwV", "A");
        tree.Leaf("./DevDetail/Ext/Coffer/Connection", "unmetered");
        tree.Interior("./Coffer/Backup");
        return tree;
    }

    public void Leaf(string path, string value, string format = "chr") => Leaf(path, System.Text.Encoding.UTF8.GetBytes(value), format);

    public void Leaf(string path, byte[] value, string format = "bin")
    {
        EnsureParent(path);
        nodes[path] = new DmNode(path, format, null, value);
    }

    public void Interior(string path)
    {
        EnsureParent(path);
        nodes.TryAdd(path, new DmNode(path, "node", null, []));
    }

    public bool Exists(string path) => nodes.ContainsKey(path) || nodes.Keys.Any(k => k.StartsWith(path + "/", StringComparison.Ordinal));

    public bool IsInterior(string path) => nodes.TryGetValue(path, out var node) ? node.IsInterior : Exists(path);

    /// <summary>An interior node's child names, <c>/</c>-separated (OMA-TS-DM_TND-V1_2 §7.7.2).</summary>
    public string Children(string path) => string.Join('/', nodes.Keys
        .Where(k => k.StartsWith(path + "/", StringComparison.Ordinal))
        .Select(k => k[(path.Length + 1)..].Split('/')[0])
        .Distinct(StringComparer.Ordinal));

    /// <summary>The leaves under a subtree, path → value, for comparing two trees node by node.</summary>
    public IReadOnlyDictionary<string, string> Leaves(string root) => nodes.Values
        .Where(n => !n.IsInterior && n.Path.StartsWith(root + "/", StringComparison.Ordinal))
        .ToDictionary(n => n.Path, n => n.Format + ":" + Convert.ToBase64String(n.Data), StringComparer.Ordinal);

    private void EnsureParent(string path)
    {
        var slash = path.LastIndexOf('/');
        if (slash > 1)
        {
            Interior(path[..slash]);
        }
    }
}
