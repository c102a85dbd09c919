using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Coffer.Agent.Peer;

namespace Coffer.Agent.Tests.Peer;

/// <summary>A file from an agent on 127.0.0.2 to one on 127.0.0.3, over a real TCP connection.</summary>
public sealed class PeerTransferTests : IDisposable
{
    private static readonly IPAddress SenderAddress = IPAddress.Parse("127.0.0.2");
    private static readonly IPAddress ReceiverAddress = IPAddress.Parse("127.0.0.3");

    private readonly string _dir = Directory.CreateTempSubdirectory("coffer-peer-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_changed_file_arrives_whole_for_a_fraction_of_its_size()
    {
        var old = RandomBytes(4 << 20, 1);
        var changed = (byte[])old.Clone();
        var random = new Random(2);
        for (var i = 0; i < 40; i++)
        {
            random.NextBytes(changed.AsSpan(random.Next(changed.Length - 1024), 1024));
        }

        var target = Write("receiver/photo.raw", old);
        var source = Write("sender/photo.raw", changed);
        var sent = new Recorder();
        var received = new Recorder();

        using var receiver = PeerFileReceiver.Start(new IPEndPoint(ReceiverAddress, 0));
        var receiving = receiver.ReceiveAsync(target, received);
        var sending = PeerFileSender.SendAsync(receiver.LocalEndPoint, source, SenderAddress, sent);
        var (senderResult, receiverResult) = (await sending, await receiving);

        File.ReadAllBytes(target).ShouldBe(changed);
        senderResult.WireBytesSent.ShouldBe(receiverResult.WireBytesReceived);
        senderResult.WireBytesReceived.ShouldBe(receiverResult.WireBytesSent);
        (senderResult.WireBytesSent + senderResult.WireBytesReceived).ShouldBeLessThan(changed.Length / 10);
        senderResult.Delta!.CopiedBytes.ShouldBeGreaterThan(changed.Length * 9L / 10);
        sent.ShouldEndWhole(changed.Length);
        received.ShouldEndWhole(changed.Length);
        Directory.GetFiles(Path.GetDirectoryName(target)!).ShouldBe([target]);
    }

    [Fact]
    public async Task A_file_the_receiver_lacks_is_sent_as_literals()
    {
        var content = RandomBytes(300_000, 3);
        var target = Path.Combine(_dir, "new.bin");
        var source = Write("sender/new.bin", content);

        using var receiver = PeerFileReceiver.Start(new IPEndPoint(ReceiverAddress, 0));
        var receiving = receiver.ReceiveAsync(target);
        var result = await PeerFileSender.SendAsync(receiver.LocalEndPoint, source, SenderAddress);
        await receiving;

        File.ReadAllBytes(target).ShouldBe(content);
        result.Delta!.LiteralBytes.ShouldBe(content.Length);
    }

    [Fact]
    public async Task A_wrong_hash_is_refused_and_the_old_file_stays()
    {
        var old = RandomBytes(10_000, 4);
        var target = Write("receiver/doc.bin", old);
        using var receiver = PeerFileReceiver.Start(new IPEndPoint(ReceiverAddress, 0));
        var receiving = receiver.ReceiveAsync(target);

        using var client = await Connect(receiver);
        var stream = client.GetStream();
        Offer(stream, 3);
        ReadSignature(stream);
        PeerFrames.Write(stream, PeerFrameType.DeltaData, [0x72, 0x73, 0x02, 0x36, 0x03, 1, 2, 3, 0x00]);
        PeerFrames.Write(stream, PeerFrameType.DeltaEnd, SHA256.HashData("not the file"u8));
        var frame = new byte[PeerFrames.MaxPayload];
        var verdict = PeerFrames.Expect(stream, frame, PeerFrameType.Result).ToArray();

        verdict[0].ShouldBe((byte)1);
        (await Should.ThrowAsync<PeerTransferException>(receiving)).Message.ShouldContain("SHA-256");
        File.ReadAllBytes(target).ShouldBe(old);
        Directory.GetFiles(Path.GetDirectoryName(target)!).ShouldBe([target]);
    }

    [Fact]
    public async Task A_delta_that_does_not_apply_is_refused_with_its_reason()
    {
        var old = RandomBytes(10_000, 7);
        var target = Write("receiver/doc.bin", old);
        using var receiver = PeerFileReceiver.Start(new IPEndPoint(ReceiverAddress, 0));
        var receiving = receiver.ReceiveAsync(target);

        using var client = await Connect(receiver);
        var stream = client.GetStream();
        Offer(stream, 3);
        ReadSignature(stream);
        PeerFrames.Write(stream, PeerFrameType.DeltaData, [0x72, 0x73, 0x02, 0x36, 0x55]);
        PeerFrames.Write(stream, PeerFrameType.DeltaData, RandomBytes(100_000, 8));
        PeerFrames.Write(stream, PeerFrameType.DeltaEnd, new byte[32]);
        var frame = new byte[PeerFrames.MaxPayload];
        var verdict = PeerFrames.Expect(stream, frame, PeerFrameType.Result).ToArray();

        verdict[0].ShouldBe((byte)1);
        System.Text.Encoding.UTF8.GetString(verdict, 1, verdict.Length - 1).ShouldContain("unknown command 0x55");
        await Should.ThrowAsync<PeerTransferException>(receiving);
        File.ReadAllBytes(target).ShouldBe(old);
        Directory.GetFiles(Path.GetDirectoryName(target)!).ShouldBe([target]);
    }

    [Fact]
    public async Task A_dropped_connection_leaves_the_old_file()
    {
        var old = RandomBytes(10_000, 5);
        var target = Write("receiver/doc.bin", old);
        using var receiver = PeerFileReceiver.Start(new IPEndPoint(ReceiverAddress, 0));
        var receiving = receiver.ReceiveAsync(target);

        using (var client = await Connect(receiver))
        {
            var stream = client.GetStream();
            Offer(stream, 100_000);
            ReadSignature(stream);
            PeerFrames.Write(stream, PeerFrameType.DeltaData, [0x72, 0x73, 0x02, 0x36, 0x43, 0x00, 0x01, 0x86, 0xa0, 9, 9, 9]);
        }

        (await Should.ThrowAsync<PeerTransferException>(receiving)).Message.ShouldContain("connection");
        File.ReadAllBytes(target).ShouldBe(old);
        Directory.GetFiles(Path.GetDirectoryName(target)!).ShouldBe([target]);
    }

    [Fact]
    public async Task The_sender_reports_a_receiver_that_refuses()
    {
        var source = Write("sender/doc.bin", RandomBytes(5_000, 6));
        using var listener = new TcpListener(ReceiverAddress, 0);
        listener.Start();
        var refusing = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            var frame = new byte[PeerFrames.MaxPayload];
            PeerFrames.Expect(stream, frame, PeerFrameType.Offer);
            PeerFrames.Write(stream, PeerFrameType.SignatureData, [0x72, 0x73, 0x01, 0x47, 0, 0, 1, 0, 0, 0, 0, 32]);
            PeerFrames.Write(stream, PeerFrameType.SignatureEnd, []);
            new PeerFrameInputStream(stream, PeerFrameType.DeltaData, PeerFrameType.DeltaEnd).CopyTo(Stream.Null);
            PeerFrames.Write(stream, PeerFrameType.Result, [1, .. "disk full"u8]);
        });

        var error = await Should.ThrowAsync<PeerTransferException>(
            PeerFileSender.SendAsync((IPEndPoint)listener.LocalEndpoint, source, SenderAddress));
        await refusing;

        error.Message.ShouldContain("disk full");
    }

    private static async Task<TcpClient> Connect(PeerFileReceiver receiver)
    {
        var client = new TcpClient(new IPEndPoint(SenderAddress, 0));
        await client.ConnectAsync(receiver.LocalEndPoint);
        return client;
    }

    private static void Offer(Stream stream, long length)
    {
        var offer = new byte[9];
        offer[0] = 1;
        BinaryPrimitives.WriteInt64BigEndian(offer.AsSpan(1), length);
        PeerFrames.Write(stream, PeerFrameType.Offer, offer);
    }

    private static void ReadSignature(Stream stream)
    {
        var signature = new PeerFrameInputStream(stream, PeerFrameType.SignatureData, PeerFrameType.SignatureEnd);
        signature.CopyTo(Stream.Null);
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private string Write(string relative, byte[] content)
    {
        var path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    private sealed class Recorder : IProgress<PeerTransferProgress>
    {
        private readonly ConcurrentQueue<PeerTransferProgress> _events = new();

        public void Report(PeerTransferProgress value) => _events.Enqueue(value);

        public void ShouldEndWhole(long total)
        {
            var events = _events.ToArray();
            events.Length.ShouldBeGreaterThan(1);
            events.Select(e => e.Bytes).ShouldBeInOrder();
            events.ShouldAllBe(e => e.TotalBytes == total);
            events[^1].Percent.ShouldBe(100);
        }
    }
}
