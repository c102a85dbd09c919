using Coffer.SyncML.Dm;
using Coffer.Storage;
using Coffer.SyncML;

namespace Coffer.Dm;

/// <summary>
/// The backup walk (docs/device-management.md "Backup"): Get on the roots; an interior node's Results are its child
/// names (OMA-TS-DM_TND-V1_2 §7.7.2: Format node, Data the names separated by <c>/</c>), each Got in turn; a leaf's
/// value bigger than a message arrives as a large object (OMA-TS-DM_Protocol-V1_2 §8.7), buffered in the store's
/// session chunks. When nothing is left the tree is stored sealed as one backup.
/// </summary>
internal static class DmBackupWalk
{
    public static readonly string[] Roots = ["./DevInfo", "./DevDetail", DmRestorePlanner.BackupRoot];

    public static void Start(DmSessionState state)
    {
        state.Phase = DmPhase.Walk;
        state.Nodes.Clear();
        state.ToGet = [.. Roots];
    }

    /// <summary>Takes a Results command of the walk; returns the Status code for it.</summary>
    public static async Task<int> TakeAsync(DmSessionContext context, ResultsCommand results, CancellationToken ct)
    {
        var state = context.State;
        if (results.CmdRef != null)
        {
            state.Outstanding.Remove(results.CmdRef);
        }

        var code = StatusCode.Ok;
        foreach (var item in results.Items)
        {
            var path = item.Source?.LocURI ?? results.SourceRefs.FirstOrDefault() ?? results.TargetRefs.FirstOrDefault();
            if (path == null)
            {
                return StatusCode.IncompleteCommand;
            }

            var format = item.Meta?.Format ?? results.Meta?.Format ?? "chr";
            var type = item.Meta?.Type ?? results.Meta?.Type;
            var data = DmNodeData.Read(item.Data, format);
            if (item.MoreData || state.Incoming?.Path == path)
            {
                code = await TakeChunkAsync(context, item, path, format, type, data, ct).ConfigureAwait(false);
                continue;
            }

            Record(state, new DmNode(path, StoredFormat(format), type, data));
        }

        return code;
    }

    /// <summary>Puts the Gets still to send into the reply, as many as the message allows.</summary>
    public static void SendGets(DmSessionContext context)
    {
        var state = context.State;
        while (state.ToGet.Count > 0 && context.Reply.EstimatedBytes + 400 < context.Budget)
        {
            var path = state.ToGet[0];
            state.ToGet.RemoveAt(0);
            var get = new GetCommand();
            get.Items.Add(new Item { Target = new SyncLocation(path) });
            state.Outstanding[context.Reply.Command(get, path.Length)] = path;
        }
    }

    public static bool IsComplete(DmSessionState state) => state.ToGet.Count == 0 && state.Outstanding.Count == 0 && state.Incoming == null;

    /// <summary>Stores the walked tree as one backup; returns the job's report.</summary>
    public static async Task<DmJobReport> StoreAsync(DmSessionContext context, CancellationToken ct)
    {
        var state = context.State;
        var document = DmTreeDocument.Write(state.Nodes);
        var snapshot = await context.Uow.DmSnapshots.AddAsync(
            state.DeviceId,
            Value(state, "./DevInfo/Man") ?? state.Manufacturer,
            Value(state, "./DevInfo/Mod") ?? state.Model,
            Value(state, "./DevDetail/FwV") ?? string.Empty,
            state.Nodes.Count,
            document,
            ct).ConfigureAwait(false);
        await context.Uow.DmSnapshots.PruneAsync(state.DeviceId, context.Options.KeepSnapshots, ct).ConfigureAwait(false);
        return new DmJobReport(snapshot.Id, snapshot.NodeCount, snapshot.Bytes, [], context.State.Label);
    }

    /// <summary>A Get the device refused (404 and the like): that node is left out.</summary>
    public static void Refused(DmSessionState state, string cmdRef) => state.Outstanding.Remove(cmdRef);

    private static string? Value(DmSessionState state, string path) => state.Nodes.FirstOrDefault(n => n.Path == path)?.Text;

    private static async Task<int> TakeChunkAsync(DmSessionContext context, Item item, string path, string format, string? type, byte[] data, CancellationToken ct)
    {
        var state = context.State;
        if (state.Incoming == null)
        {
            state.Incoming = new DmNode(path, StoredFormat(format), type, []);
            state.IncomingSize = item.Meta?.Size ?? -1;
        }

        await context.Uow.Sessions.AppendChunkAsync(context.Token, data, ct).ConfigureAwait(false);
        if (item.MoreData)
        {
            return StatusCode.ChunkedItemAccepted;
        }

        var whole = await context.Uow.Sessions.TakeChunksAsync(context.Token, ct).ConfigureAwait(false);
        var node = state.Incoming with { Data = whole };
        var announced = state.IncomingSize;
        state.Incoming = null;
        if (announced >= 0 && announced != whole.Length)
        {
            return StatusCode.SizeMismatch;
        }

        Record(state, node);
        return StatusCode.Ok;
    }

    private static void Record(DmSessionState state, DmNode node)
    {
        state.Nodes.Add(node);
        if (!node.IsInterior)
        {
            return;
        }

        foreach (var child in node.Text.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            state.ToGet.Add(node.Path + "/" + child);
        }
    }

    /// <summary>b64 is how binary data travelled, not what the node is (OMA-TS-DM_TND-V1_2 §7.7.7: format bin).</summary>
    private static string StoredFormat(string format) => format == DmFormat.B64 ? "bin" : format;
}
