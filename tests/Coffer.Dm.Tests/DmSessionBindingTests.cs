using Coffer.Storage;
using Coffer.SyncML;
using Coffer.SyncML.Auth;

namespace Coffer.Dm.Tests;

/// <summary>
/// An auth-md5 session's later messages: the RespURI token names the session, and the SyncHdr must be that session's
/// own (SessionID, Source, Target as in package 1, OMA-TS-DM_Protocol-V1_2 §8.2); anything else is refused with 401
/// before a command of it runs.
/// </summary>
public sealed class DmSessionBindingTests : IAsyncLifetime
{
    private DmTestServer server = null!;

    public async Task InitializeAsync() => server = await DmTestServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Theory]
    [InlineData("session")]
    [InlineData("device")]
    [InlineData("client")]
    [InlineData("target")]
    public async Task A_later_message_whose_header_is_not_the_sessions_is_refused(string changed)
    {
        var (device, _, clientSecret, _) = await server.EnrollAsync(SampleTrees.Full("IMEI:100"));
        var job = await server.AddJobAsync(device, DmJobKind.Backup);
        var clientName = await ClientNameAsync(device);
        var opened = await SendAsync(DmHandMessages.PackageOne(clientName, Cred(clientName, clientSecret)), null);
        DmHandMessages.HeaderStatus(opened).Code.ShouldBe(212);
        var token = DmHandMessages.Token(opened);

        var foreign = DmHandMessages.Answer(opened, clientName, msgId: "2", clientNonce: null);
        switch (changed)
        {
            case "session": foreign.Header.SessionID = "2"; break;
            case "device": foreign.Header.Source = new SyncLocation("IMEI:999", clientName); break;
            case "client": foreign.Header.Source = new SyncLocation("IMEI:100", "someone-else"); break;
            case "target": foreign.Header.Target = new SyncLocation("http://elsewhere.example/dm"); break;
        }

        var refused = await SendAsync(foreign, token);
        refused.Refused.ShouldBeTrue();
        DmHandMessages.HeaderStatus(refused).Code.ShouldBe(401);
        refused.Message.Body.Commands.ShouldAllBe(c => c is StatusCommand, "nothing of the session is sent to it");
        (await server.JobAsync(job.Id)).State.ShouldBe(DmJobState.Asked, "its answer to the consent was not taken");

        // The session's own next message still goes on.
        var own = await SendAsync(DmHandMessages.Answer(opened, clientName, msgId: "2", clientNonce: null), token);
        own.Refused.ShouldBeFalse();
        DmHandMessages.HeaderStatus(own).Code.ShouldBe(200);
        (await server.JobAsync(job.Id)).State.ShouldBe(DmJobState.Running);
    }

    [Fact]
    public async Task The_same_message_sent_twice_gets_the_same_reply_and_runs_once()
    {
        var (device, _, clientSecret, _) = await server.EnrollAsync(SampleTrees.Full("IMEI:100"));
        var job = await server.AddJobAsync(device, DmJobKind.Backup);
        var clientName = await ClientNameAsync(device);
        var opened = await SendAsync(DmHandMessages.PackageOne(clientName, Cred(clientName, clientSecret)), null);
        var token = DmHandMessages.Token(opened);
        var consent = SyncMLXml.ToUtf8Bytes(DmHandMessages.Answer(opened, clientName, msgId: "2", clientNonce: null));

        var first = await SendBytesAsync(consent, token);
        var decided = await server.JobAsync(job.Id);
        var again = await SendBytesAsync(consent, token);

        again.Bytes.ShouldBe(first.Bytes);
        (await server.JobAsync(job.Id)).Decisions.ShouldBe(decided.Decisions, "the consent was taken once");

        // The same MsgID with other bytes is a new message, not a resend: it does not get the cached reply.
        var other = DmHandMessages.Answer(opened, clientName, msgId: "2", clientNonce: null);
        other.Body.Commands.RemoveAt(other.Body.Commands.Count - 1);
        (await SendAsync(other, token)).Bytes.ShouldNotBe(first.Bytes);
    }

    [Fact]
    public async Task A_server_initiated_package_1_must_name_the_session_id_of_the_package_0_sent()
    {
        var (device, _, clientSecret, _) = await server.EnrollAsync(SampleTrees.Full("IMEI:100"));
        var job = await server.AddJobAsync(device, DmJobKind.Backup);
        var clientName = await ClientNameAsync(device);
        var announced = await server.PackageZeroAsync(device);

        var other = ServerInitiated(clientName, clientSecret, announced == "1" ? "2" : "1", nonce: []);
        var refused = await SendAsync(other, null);
        DmHandMessages.HeaderStatus(refused).Code.ShouldBe(212, "the credentials are good");
        refused.Message.Body.Commands.OfType<StatusCommand>().Single(s => s.Cmd == "Alert").Code.ShouldBe(403);
        refused.Message.Body.Commands.ShouldAllBe(c => c is StatusCommand, "no consent asked, no job started");
        refused.Message.Body.Final.ShouldBeTrue();
        (await server.JobAsync(job.Id)).State.ShouldBe(DmJobState.Pending);

        var answered = await SendAsync(ServerInitiated(clientName, clientSecret, announced, DmHandMessages.Nonce(refused)), null);
        answered.Message.Body.Commands.OfType<StatusCommand>().Single(s => s.Cmd == "Alert").Code.ShouldBe(200);
        (await server.JobAsync(job.Id)).State.ShouldBe(DmJobState.Asked);

        // Answered once: the same SessionID does not open a second server-initiated session.
        var again = await SendAsync(ServerInitiated(clientName, clientSecret, announced, DmHandMessages.Nonce(answered)), null);
        again.Message.Body.Commands.OfType<StatusCommand>().Single(s => s.Cmd == "Alert").Code.ShouldBe(403);
    }

    private static SyncMLMessage ServerInitiated(string clientName, string clientSecret, string sessionId, byte[] nonce)
    {
        var message = DmHandMessages.PackageOne(clientName, new Cred
        {
            Meta = new MetInf { Type = AuthTypes.Md5, Format = AuthTypes.FormatB64 },
            Data = Md5Auth.Compute(clientName, clientSecret, nonce),
        });
        message.Header.SessionID = sessionId;
        message.Body.Commands.OfType<AlertCommand>().Single().Code = 1200;
        return message;
    }

    private static Cred Cred(string clientName, string clientSecret) => new()
    {
        Meta = new MetInf { Type = AuthTypes.Md5, Format = AuthTypes.FormatB64 },
        Data = Md5Auth.Compute(clientName, clientSecret, []),
    };

    private Task<DmReply> SendAsync(SyncMLMessage message, string? token) => SendBytesAsync(SyncMLXml.ToUtf8Bytes(message), token);

    private async Task<DmReply> SendBytesAsync(byte[] body, string? token) =>
        await server.Engine.HandleAsync(new DmRequest(SyncMLXml.Parse(body), token, ScriptedDmClient.Endpoint, "127.0.0.1") { Body = body });

    private async Task<string> ClientNameAsync(long device)
    {
        await using var read = await server.Store.BeginReadAsync();
        return (await read.DmAccounts.GetAsync(device))!.ClientName;
    }
}
