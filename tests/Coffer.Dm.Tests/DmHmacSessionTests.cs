using Coffer.SyncML;
using Coffer.SyncML.Dm;

namespace Coffer.Dm.Tests;

/// <summary>Package 1 authenticated by HMAC-MD5 in <c>x-syncml-hmac</c> (OMA-TS-DM_Security-V1_2 §5.5.2) instead of a Cred.</summary>
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
        var body = SyncMLXml.ToUtf8Bytes(PackageOne(clientName));

        var accepted = await SendAsync(body, DmHmac.ComputeHeader(clientName, clientSecret, [], body));
        HeaderStatus(accepted).Code.ShouldBe(212);
        accepted.Refused.ShouldBeFalse();

        var replayed = await SendAsync(body, DmHmac.ComputeHeader(clientName, clientSecret, [], body));
        HeaderStatus(replayed).Code.ShouldBe(401, "the nonce the mac was over is used up");
    }

    [Fact]
    public async Task A_mac_over_other_bytes_is_refused()
    {
        var (_, _, clientSecret, _) = await server.EnrollAsync(SampleTrees.Full("IMEI:100"));
        var clientName = await ClientNameAsync();
        var body = SyncMLXml.ToUtf8Bytes(PackageOne(clientName));

        var refused = await SendAsync(body, DmHmac.ComputeHeader(clientName, clientSecret, [], [.. body, (byte)' ']));

        refused.Refused.ShouldBeTrue();
        HeaderStatus(refused).Code.ShouldBe(401);
        server.Throttle.Failures.ShouldBe([clientName]);
    }

    private static StatusCommand HeaderStatus(DmReply reply) => reply.Message.Body.Commands.OfType<StatusCommand>().First(s => s.CmdRef == "0");

    private async Task<DmReply> SendAsync(byte[] body, string header)
    {
        DmHmacHeader.TryParse(header, out var hmac).ShouldBeTrue();
        return await server.Engine.HandleAsync(new DmRequest(SyncMLXml.Parse(body), null, ScriptedDmClient.Endpoint, "127.0.0.1") { Hmac = hmac, Body = body });
    }

    private async Task<string> ClientNameAsync()
    {
        await using var read = await server.Store.BeginReadAsync();
        var device = (await read.Devices.ListAsync(server.UserId)).ShouldHaveSingleItem();
        return (await read.DmAccounts.GetAsync(device.Id))!.ClientName;
    }

    private static SyncMLMessage PackageOne(string clientName)
    {
        var message = new SyncMLMessage
        {
            Header = new SyncHdr
            {
                VerDTD = "1.2",
                VerProto = "DM/1.2",
                SessionID = "1",
                MsgID = "1",
                Target = new SyncLocation(ScriptedDmClient.Endpoint),
                Source = new SyncLocation("IMEI:100", clientName),
            },
        };
        message.Body.Commands.Add(new AlertCommand { CmdID = "1", Code = 1201 });
        message.Body.Final = true;
        return message;
    }
}
