using System.Globalization;
using Coffer.Agent.Profile;
using Coffer.SyncML;

using Coffer.SyncML.Dm;

namespace Coffer.Agent.Dm;

/// <summary>
/// The agent's management tree (OMA-TS-DM_TND-V1_2) over the device profile folder (docs/device-management.md "The
/// tree"): ./DevInfo and ./DevDetail read-only for every server, ./Coffer/Backup (settings, apps, certificates, ring
/// tones, wallpapers) open to the enrolled server. Each command checks the ACL in force (OMA-TS-DM_TND-V1_2 §7.7.1)
/// and fails with the DM status code (<see cref="DmCommandException"/>): 404 not found, 405 not allowed on that node,
/// 406 an optional feature (URI properties, Copy of an interior node), 415 the wrong format, 418 Add of an existing
/// node, 425 the ACL denies it.
/// </summary>
public sealed class DmTree
{
    private readonly DmNode root;

    public DmTree(string profileRoot, string stagingRoot, DmDevice device, string serverId, Func<PrivateKeyGuard> guard)
    {
        Journal = new DmFileJournal();
        var files = new DmProfileFiles(profileRoot, Journal, guard);
        var apps = new DmAppStore(files, stagingRoot);
        ServerId = serverId;
        root = new DmInteriorNode(
            ".",
            DmAcl.Grant("*", DmOperation.Get),
            new DmInteriorNode(
                "DevInfo",
                null,
                new DmValueLeaf("DevId", DmFormat.Chr, () => device.DeviceId),
                new DmValueLeaf("Man", DmFormat.Chr, () => device.Field("manufacturer")),
                new DmValueLeaf("Mod", DmFormat.Chr, () => device.Field("model")),
                new DmValueLeaf("DmV", DmFormat.Chr, () => "1.2"),
                new DmValueLeaf("Lang", DmFormat.Chr, () => "en-US")),
            new DmInteriorNode(
                "DevDetail",
                null,
                new DmValueLeaf("DevTyp", DmFormat.Chr, () => device.Field("deviceType")),
                new DmValueLeaf("OEM", DmFormat.Chr, () => device.Field("oem")),
                new DmValueLeaf("FwV", DmFormat.Chr, () => device.Field("firmwareVersion")),
                new DmValueLeaf("SwV", DmFormat.Chr, () => device.Field("softwareVersion")),
                new DmValueLeaf("HwV", DmFormat.Chr, () => device.Field("hardwareVersion")),
                new DmValueLeaf("LrgObj", DmFormat.Bool, () => "true"),
                new DmInteriorNode(
                    "Ext",
                    null,
                    new DmInteriorNode(
                        "Coffer",
                        null,
                        new DmValueLeaf("Connection", DmFormat.Chr, () => device.Connection.ToString().ToLowerInvariant()),
                        new DmValueLeaf("MaxObjSize", DmFormat.Int, () => device.MaxObjSize.ToString(CultureInfo.InvariantCulture))))),
            new DmInteriorNode(
                "Coffer",
                DmAcl.Grant(serverId, DmOperation.Get),
                new DmInteriorNode(
                    "Backup",
                    DmAcl.Grant(serverId, DmOperation.Add, DmOperation.Delete, DmOperation.Exec, DmOperation.Get, DmOperation.Replace),
                    new DmFolderNode("Settings", "settings", DmFileKind.Setting, files),
                    new DmAppsNode(apps),
                    new DmFolderNode("Certs", "certs", DmFileKind.Certificate, files),
                    new DmInteriorNode(
                        "Media",
                        null,
                        new DmFolderNode("Ringtones", "media/ringtones", DmFileKind.Binary, files),
                        new DmFolderNode("Wallpapers", "media/wallpapers", DmFileKind.Binary, files)))));
    }

    /// <summary>The enrolled server's identifier: the one the ACLs of ./Coffer name.</summary>
    public string ServerId { get; }

    /// <summary>The writes of the commands; an Atomic opens a transaction on it.</summary>
    public DmFileJournal Journal { get; }

    /// <summary>Get: a leaf's value, or an interior node's child names (format node).</summary>
    public DmNodeData Get(string uri, string serverId) => Allowed(Find(uri), DmOperation.Get, serverId).Read();

    public void Add(string uri, DmNodeData data, string serverId)
    {
        var (parent, name) = ParentOf(uri);
        Allowed(parent, DmOperation.Add, serverId);
        if (parent.Child(name) != null)
        {
            throw new DmCommandException(StatusCode.AlreadyExists, $"{uri} already exists");
        }

        parent.AddChild(name, data);
    }

    public void Replace(string uri, DmNodeData data, string serverId)
    {
        var node = Allowed(Find(uri), DmOperation.Replace, serverId);
        if (node.IsInterior)
        {
            // Replacing an interior node's value is meaningless; its properties (ACL, Name) are not replaceable here.
            throw new DmCommandException(StatusCode.CommandNotAllowed, $"{uri} is an interior node");
        }

        node.Write(data);
    }

    public void Delete(string uri, string serverId) => Allowed(Find(uri), DmOperation.Delete, serverId).Delete();

    public void Exec(string uri, string? argument, string serverId) => Allowed(Find(uri), DmOperation.Exec, serverId).Exec(argument);

    /// <summary>Copy of a leaf (OMA-TS-DM_Protocol-V1_2 §6.6.4): Get on the source, then Add (or Replace when the target exists).</summary>
    public void Copy(string targetUri, string sourceUri, string serverId)
    {
        var source = Allowed(Find(sourceUri), DmOperation.Get, serverId);
        if (source.IsInterior)
        {
            throw new DmCommandException(StatusCode.OptionalFeatureNotSupported, $"copying the interior node {sourceUri} is not supported");
        }

        var data = source.Read();
        if (TryFind(targetUri) != null)
        {
            Replace(targetUri, data, serverId);
        }
        else
        {
            Add(targetUri, data, serverId);
        }
    }

    /// <summary>The node at <paramref name="uri"/> and every node under it, depth first, as the local user sees them (no ACL applies).</summary>
    public IReadOnlyList<DmNodeInfo> List(string uri = ".")
    {
        var found = new List<DmNodeInfo>();
        Walk(Find(uri), found);
        return found;
    }

    private static void Walk(DmNode node, List<DmNodeInfo> found)
    {
        var size = node.IsInterior ? 0 : node.Read().Data.LongLength;
        found.Add(new DmNodeInfo(node.Path, node.Format, node.Type, size, node.EffectiveAcl.ToString()));
        foreach (var name in node.ChildNames().ToList())
        {
            if (node.Child(name) is { } child)
            {
                Walk(child, found);
            }
        }
    }

    private static DmNode Allowed(DmNode node, DmOperation operation, string serverId) =>
        node.EffectiveAcl.Allows(operation, serverId)
            ? node
            : throw new DmCommandException(StatusCode.PermissionDenied, $"the ACL of {node.Path} does not grant {operation} to {serverId}");

    private DmNode Find(string uri) => TryFind(uri) ?? throw new DmCommandException(StatusCode.NotFound, $"{uri}: no such node");

    private DmNode? TryFind(string uri)
    {
        DmNode? node = root;
        foreach (var segment in Segments(uri))
        {
            node = node.Child(segment);
            if (node == null)
            {
                return null;
            }
        }

        return node;
    }

    private (DmNode Parent, string Name) ParentOf(string uri)
    {
        var segments = Segments(uri);
        if (segments.Length == 0)
        {
            throw new DmCommandException(StatusCode.AlreadyExists, "the root exists");
        }

        var parent = TryFind(string.Join('/', segments[..^1].Prepend(".")))
            ?? throw new DmCommandException(StatusCode.NotFound, $"{uri}: its parent does not exist");
        if (!parent.IsInterior)
        {
            throw new DmCommandException(StatusCode.CommandNotAllowed, $"{uri}: its parent is a leaf");
        }

        return (parent, segments[^1]);
    }

    /// <summary>
    /// The segments after the root: "./A/B", "A/B" and "/A/B" name the same node (OMA-TS-DM_TND-V1_2 §6.4, relative
    /// URIs); a query (<c>?prop=</c>, <c>?list=</c>: TND §7.6, §6.6.7) is an optional feature the agent does not have.
    /// </summary>
    private static string[] Segments(string uri)
    {
        if (uri.Contains('?', StringComparison.Ordinal))
        {
            throw new DmCommandException(StatusCode.OptionalFeatureNotSupported, $"{uri}: node properties and list queries are not supported");
        }

        var segments = uri.Split('/', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (segments.Count > 0 && segments[0] == ".")
        {
            segments.RemoveAt(0);
        }

        return segments.Any(s => s is "." or "..")
            ? throw new DmCommandException(StatusCode.NotFound, $"{uri}: no such node")
            : [.. segments];
    }
}
