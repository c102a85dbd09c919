using Coffer.Storage;
using Coffer.SyncML;
using Coffer.SyncML.Dm;

namespace Coffer.Dm.Tests;

/// <summary>
/// Sessions authenticated by HMAC-MD5 in <c>x-syncml-hmac</c> (OMA-TS-DM_Security-V1_2 §5.5.2) instead of a Cred: every
/// client message carries its MAC over the server's last nonce, every server reply its own over the client's.
/// </summary>
public sealed class DmHmacSessionTests : IAsyncLifetime
{
    private DmTestServer server = null!;

    public async Task InitializeAsync() => server = await DmTestServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_good_mac_opens_the_session_and_the_same_message_again_is_refused()
    {
        var (_, _, clientSecret, _) = await server.EnrollAsync(SampleTrees.Full("IMEI:100"));
        var clientName = await ClientNameAsync();
        var body = SyncMLXml.ToUtf8Bytes(DmHandMessages.PackageOne(clientName));

        var accepted = await SendAsync(body, DmHmac.ComputeHeader(clientName, clientSecret, [], body));
        DmHandMessages.HeaderStatus(accepted).Code.ShouldBe(212);
        accepted.Refused.ShouldBeFalse();

        var replayed = await SendAsync(body, DmHmac.ComputeHeader(clientName, clientSecret, [], body));
        DmHandMessages.HeaderStatus(replayed).Code.ShouldBe(401, "the nonce the mac was over is used up");
    }

    [Fact]
    public async Task A_mac_over_other_bytes_is_refused()
    {
        var (_, _, clientSecret, _) = await server.EnrollAsync(SampleTrees.Full("IMEI:100"));
        var clientName = await ClientNameAsync();
        var body = SyncMLXml.ToUtf8Bytes(DmHandMessages.PackageOne(clientName));

        var refused = await SendAsync(body, DmHmac.ComputeHeader(clientName, clientSecret, [], [.. body, (byte)' ']));

        refused.Refused.ShouldBeTrue();
        DmHandMessages.HeaderStatus(refused).Code.ShouldBe(401);
        server.Throttle.Failures.ShouldBe([clientName]);
    }

    [Fact]
    public async Task Every_reply_carries_the_servers_mac_and_every_later_message_needs_its_own()
    {
        var (device, _, clientSecret, serverSecret) = await server.EnrollAsync(SampleTrees.Full("IMEI:100"));
        var job = await server.AddJobAsync(device, DmJobKind.Backup);
        var clientName = await ClientNameAsync();
        var first = SyncMLXml.ToUtf8Bytes(DmHandMessages.PackageOne(clientName));
        var opened = await SendAsync(first, DmHmac.ComputeHeader(clientName, clientSecret, [], first));
        ServerMacHolds(opened, serverSecret, clientNonce: []).ShouldBeTrue("the server's MAC over the nonce the client issued (none yet)");
        opened.Message.Header.Cred.ShouldBeNull("HMAC instead of a Cred");
        var token = DmHandMessages.Token(opened);

        // The next message with a good MAC over the server's new nonce goes on, and its reply is MAC'd over the client's nonce.
        var second = SyncMLXml.ToUtf8Bytes(DmHandMessages.Answer(opened, clientName, msgId: "2", clientNonce: "Y2xpZW50IG5vbmNlIDE="));
        var onward = await SendAsync(second, DmHmac.ComputeHeader(clientName, clientSecret, DmHandMessages.Nonce(opened), second), token);
        onward.Refused.ShouldBeFalse();
        DmHandMessages.HeaderStatus(onward).Code.ShouldBe(200);
        ServerMacHolds(onward, serverSecret, Convert.FromBase64String("Y2xpZW50IG5vbmNlIDE=")).ShouldBeTrue();

        // A later message without its MAC: 401, counted, and the session is over even for a good one after it.
        var third = SyncMLXml.ToUtf8Bytes(DmHandMessages.Answer(onward, clientName, msgId: "3", clientNonce: null));
        var bare = await SendRawAsync(third, null, token);
        bare.Refused.ShouldBeTrue();
        DmHandMessages.HeaderStatus(bare).Code.ShouldBe(401);
        DmHandMessages.HeaderStatus(bare).Chal.ShouldNotBeNull("the nonce to authenticate with next time");
        server.Throttle.Failures.ShouldBe([clientName]);
        var late = await SendAsync(third, DmHmac.ComputeHeader(clientName, clientSecret, DmHandMessages.Nonce(bare), third), token);
        DmHandMessages.HeaderStatus(late).Code.ShouldBe(401, "the session ended");
        (await server.JobAsync(job.Id)).State.ShouldNotBe(DmJobState.Done);
    }

    [Fact]
    public async Task A_later_message_with_a_wrong_mac_is_refused()
    {
        var (device, _, clientSecret, _) = await server.EnrollAsync(SampleTrees.Full("IMEI:100"));
        await server.AddJobAsync(device, DmJobKind.Backup);
        var clientName = await ClientNameAsync();
        var first = SyncMLXml.ToUtf8Bytes(DmHandMessages.PackageOne(clientName));
        var opened = await SendAsync(first, DmHmac.ComputeHeader(clientName, clientSecret, [], first));

        var second = SyncMLXml.ToUtf8Bytes(DmHandMessages.Answer(opened, clientName, msgId: "2", clientNonce: null));
        var stale = await SendAsync(second, DmHmac.ComputeHeader(clientName, clientSecret, [], second), DmHandMessages.Token(opened));

        DmHandMessages.HeaderStatus(stale).Code.ShouldBe(401, "a MAC over the spent nonce, not the one the reply issued");
        server.Throttle.Failures.ShouldBe([clientName]);
    }

    private static bool ServerMacHolds(DmReply reply, string serverSecret, byte[] clientNonce) =>
        DmHmacHeader.TryParse(reply.Hmac, out var mac) && mac.Username == DmTestServer.ServerId &&
        DmHmac.Verify(mac, Coffer.SyncML.Auth.Md5Auth.CredentialHash(DmTestServer.ServerId, serverSecret), clientNonce, reply.Bytes);

    private async Task<DmReply> SendAsync(byte[] body, string header, string? token = null)
    {
        DmHmacHeader.TryParse(header, out var hmac).ShouldBeTrue();
        return await SendRawAsync(body, hmac, token);
    }

    private async Task<DmReply> SendRawAsync(byte[] body, DmHmacHeader? hmac, string? token) =>
        await server.Engine.HandleAsync(new DmRequest(SyncMLXml.Parse(body), token, ScriptedDmClient.Endpoint, "127.0.0.1") { Hmac = hmac, Body = body });

    private async Task<string> ClientNameAsync()
    {
        await using var read = await server.Store.BeginReadAsync();
        var device = (await read.Devices.ListAsync(server.UserId)).ShouldHaveSingleItem();
        return (await read.DmAccounts.GetAsync(device.Id))!.ClientName;
    }
}
