using System.Security.Cryptography;
using Coffer.Agent.Protocol;
using Coffer.Agent.Sources;
using Coffer.SyncML;

namespace Coffer.Agent.Tests.Protocol;

/// <summary>
/// A large object received in chunks survives a killed agent: the point saved before a message counts the spool bytes
/// that message acknowledges; a chunk appended after it (its reply was read, the next point never saved) is cut off
/// when the next run resumes, and arrives again from the server's reply cache, so the file is whole and exact.
/// </summary>
public sealed class ReplyAnswererResumeTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "coffer-answerer-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void A_chunk_written_after_the_saved_point_is_cut_off_and_received_again()
    {
        var content = RandomNumberGenerator.GetBytes(3000);
        var info = Datastores.Find("files")!.Value.Info;
        var spool = Path.Combine(root, "spool");
        var devInf = AgentDevInf.Create("dev", new ClientSettings(), [info]);
        var state = new LocalState();
        var source = new FolderSyncSource(info, Datastores.Folder(Path.Combine(root, "data"), "files"), state);

        ReceivingPoint point;
        var first = new ReplyAnswerer(source, devInf, spool);
        first.Answer(Chunk(1, content, 0, 1200, last: false), new OutgoingMessage(new SyncMLMessage()));
        point = first.Suspend(new OutgoingMessage(new SyncMLMessage()));
        point.SpoolLength.ShouldBe(1200);

        // The next reply is applied, then the agent dies before saving the next point.
        first.Answer(Chunk(2, content, 1200, 2400, last: false), new OutgoingMessage(new SyncMLMessage()));
        first.Dispose();
        new FileInfo(point.Spool!).Length.ShouldBe(2400);

        using var second = new ReplyAnswerer(source, devInf, spool);
        second.Resume(point);
        new FileInfo(point.Spool!).Length.ShouldBe(1200);
        second.Answer(Chunk(2, content, 1200, 2400, last: false), new OutgoingMessage(new SyncMLMessage()));
        second.Answer(Chunk(3, content, 2400, 3000, last: true), new OutgoingMessage(new SyncMLMessage()));

        second.PendingMap.Count.ShouldBe(1);
        File.ReadAllBytes(Path.Combine(root, "data", "files", "clip.bin")).ShouldBe(content);
        File.Exists(point.Spool!).ShouldBeFalse("the spool file is gone once the object is complete");
    }

    private static ServerReply Chunk(int msgId, byte[] content, int from, int to, bool last)
    {
        var message = new SyncMLMessage();
        message.Header.MsgID = msgId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var add = new AddCommand { CmdID = "2", Meta = new MetInf { Type = "application/octet-stream; name*=UTF-8''clip.bin", Format = "b64" } };
        var item = new Item
        {
            Source = new SyncLocation("guid-1"),
            Data = ItemData.FromText(Convert.ToBase64String(content, from, to - from)),
            MoreData = !last,
            Meta = from == 0 ? new MetInf { Size = content.Length } : null,
        };
        add.Items.Add(item);
        var sync = new SyncCommand { CmdID = "1", Target = new SyncLocation("./files"), Source = new SyncLocation("files") };
        sync.Commands.Add(add);
        message.Body.Commands.Add(sync);
        return new ServerReply(message);
    }
}
