using System.Net;
using System.Security.Cryptography;
using Coffer.Agent.Peer;

namespace Coffer.Agent.Tests.Peer;

/// <summary>
/// Named transfers of a peer session (docs/rsync-delta.md, version 2 offers): the file lands under its relative path
/// in the receiving folder; an offer that does not prove the session's secret, a name that leaves the folder and a
/// connection from another address are refused, and nothing is written.
/// </summary>
public sealed class PeerNamedTransferTests : IDisposable
{
    private const string Secret = "0123456789abcdef0123456789abcdef";
    private static readonly IPAddress SenderAddress = IPAddress.Parse("127.0.0.3");
    private static readonly IPAddress ReceiverAddress = IPAddress.Parse("127.0.0.2");

    private readonly string dir = Directory.CreateTempSubdirectory("coffer-peer-named-").FullName;

    private string Folder => Path.Combine(dir, "receiver");

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public async Task A_named_file_lands_under_its_path_in_the_folder()
    {
        var source = Write("sender/a.bin", 200_000);
        using var receiver = PeerFileReceiver.Start(new IPEndPoint(ReceiverAddress, 0));
        var receiving = receiver.ReceiveNamedAsync(Folder, Secret, SenderAddress);
        var sent = await PeerFileSender.SendNamedAsync(receiver.LocalEndPoint, source, "trip/day 1/a.bin", Secret, SenderAddress);
        var received = await receiving;

        File.ReadAllBytes(Path.Combine(Folder, "trip", "day 1", "a.bin")).ShouldBe(File.ReadAllBytes(source));
        received.Name.ShouldBe("trip/day 1/a.bin");
        sent.Name.ShouldBe("trip/day 1/a.bin");
    }

    [Theory]
    [InlineData("a.bin", "fedcba9876543210fedcba9876543210")]
    [InlineData("../a.bin", Secret)]
    [InlineData("x/../../a.bin", Secret)]
    [InlineData("/etc/a.bin", Secret)]
    [InlineData("x//a.bin", Secret)]
    public async Task An_offer_without_the_secret_or_outside_the_folder_is_refused(string name, string secret)
    {
        var source = Write("sender/a.bin", 50_000);
        using var receiver = PeerFileReceiver.Start(new IPEndPoint(ReceiverAddress, 0));
        var receiving = receiver.ReceiveNamedAsync(Folder, Secret, SenderAddress);

        await Should.ThrowAsync<PeerTransferException>(() => PeerFileSender.SendNamedAsync(receiver.LocalEndPoint, source, name, secret, SenderAddress));
        await Should.ThrowAsync<PeerTransferException>(() => receiving);
        Directory.Exists(Folder).ShouldBeFalse();
        File.Exists(Path.Combine(dir, "a.bin")).ShouldBeFalse();
    }

    [Fact]
    public async Task A_connection_from_another_address_is_closed_and_the_callers_is_served()
    {
        var source = Write("sender/a.bin", 50_000);
        using var receiver = PeerFileReceiver.Start(new IPEndPoint(ReceiverAddress, 0));
        var receiving = receiver.ReceiveNamedAsync(Folder, Secret, SenderAddress);

        await Should.ThrowAsync<PeerTransferException>(() => PeerFileSender.SendNamedAsync(receiver.LocalEndPoint, source, "a.bin", Secret, IPAddress.Parse("127.0.0.4")));
        receiving.IsCompleted.ShouldBeFalse();
        await PeerFileSender.SendNamedAsync(receiver.LocalEndPoint, source, "a.bin", Secret, SenderAddress);
        (await receiving).Name.ShouldBe("a.bin");
        File.ReadAllBytes(Path.Combine(Folder, "a.bin")).ShouldBe(File.ReadAllBytes(source));
    }

    private string Write(string relative, int length)
    {
        var path = Path.Combine(dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, RandomNumberGenerator.GetBytes(length));
        return path;
    }
}
