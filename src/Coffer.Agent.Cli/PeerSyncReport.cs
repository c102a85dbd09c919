using System.Globalization;
using Coffer.Agent.Consent;
using Coffer.Agent.Peer;

namespace Coffer.Agent.Cli;

/// <summary>What <c>peer sync</c> did: the SyncML result or the files sent with their bytes on the wire, the BYE's status, the time; as text or JSON.</summary>
internal sealed class PeerSyncReport(string device, string dataType, string protocol, string peer)
{
    public PeerSyncResult? Sync { get; set; }

    public List<PeerTransferResult> Files { get; } = [];

    public bool Failed { get; set; }

    public int? Bye { get; set; }

    public double Seconds { get; set; }

    public void Write(Output output)
    {
        var files = protocol == "rsync";
        var fileBytes = Files.Sum(f => f.FileBytes);
        var wireSent = Files.Sum(f => f.WireBytesSent);
        var wireReceived = Files.Sum(f => f.WireBytesReceived);
        if (output.Json)
        {
            output.WriteJson(new
            {
                device,
                dataType,
                protocol,
                peer,
                completed = !Failed,
                bye = Bye,
                seconds = Math.Round(Seconds, 3),
                sync = Sync,
                files = files ? Files.Select(f => new { f.Name, f.FileBytes, f.WireBytesSent, f.WireBytesReceived, literalBytes = f.Delta?.LiteralBytes, copiedBytes = f.Delta?.CopiedBytes }) : null,
                fileBytes = files ? fileBytes : (long?)null,
                wireBytesSent = files ? wireSent : (long?)null,
                wireBytesReceived = files ? wireReceived : (long?)null,
            });
            return;
        }

        if (!files)
        {
            if (Sync is not { } sync)
            {
                output.Line($"{dataType} with {device} ({peer}): did not complete");
                return;
            }

            output.Line(sync.Completed
                ? string.Create(CultureInfo.InvariantCulture, $"{dataType} with {device} ({peer}): {sync.SyncType} sync, {sync.Sent} changes sent, {sync.Received} received in {Seconds:0.0} s")
                : $"{dataType} with {device} ({peer}): did not complete: {sync.Error}");
            return;
        }

        if (Files.Count > 0)
        {
            output.Table(
                ["file", "size", "literal", "sent", "received"],
                [.. Files.Select(f => new[] { f.Name ?? string.Empty, ByteSize.Format(f.FileBytes), ByteSize.Format(f.Delta?.LiteralBytes ?? 0), ByteSize.Format(f.WireBytesSent), ByteSize.Format(f.WireBytesReceived) })]);
        }

        var rate = Seconds > 0 ? fileBytes / Seconds : 0;
        output.Line(string.Create(CultureInfo.InvariantCulture, $"{dataType} to {device} ({peer}): {Files.Count} files, {ByteSize.Format(fileBytes)} in {Seconds:0.0} s ({ByteSize.Format((long)rate)}/s), {ByteSize.Format(wireSent)} sent and {ByteSize.Format(wireReceived)} received on the wire{(Failed ? "; some failed" : string.Empty)}"));
    }
}
