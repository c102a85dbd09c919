using System.Net;
using System.Text;
using Coffer.Sip.Auth;
using Coffer.Sip.Message;
using Coffer.Sip.Parsing;
using Coffer.Sip.Tests.Auth;
using Coffer.Sip.Transactions;
using Coffer.Sip.Transport;
using static Coffer.Sip.Tests.Transport.TransportTestMessages;

namespace Coffer.Sip.Tests.Stack;

/// <summary>Seed 003 steps 1–4 through every layer on real UDP sockets: REGISTER, 401 with a challenge, REGISTER with credentials, 200 OK.</summary>
public class DigestRegisterOverUdpTests
{
    [Fact]
    public async Task A_register_is_challenged_then_accepted()
    {
        await using var serverTransport = new UdpSipTransport(new IPEndPoint(IPAddress.Loopback, 0));
        await using var clientTransport = new UdpSipTransport(new IPEndPoint(IPAddress.Loopback, 0));
        await using var server = new SipTransactionLayer(serverTransport);
        await using var client = new SipTransactionLayer(clientTransport);
        var authenticator = new DigestAuthenticator("coffer",
            new DigestNonces(Encoding.UTF8.GetBytes("a server key of thirty-two bytes"), TimeProvider.System, TimeSpan.FromMinutes(5)),
            new Ha1Accounts().Add("alice", "coffer", "s3cret"));
        var registrar = Task.Run(async () =>
        {
            for (var i = 0; i < 2; i++)
            {
                var transaction = await server.Requests.ReadAsync();
                var result = await authenticator.VerifyAsync(transaction.Request);
                if (result.IsAuthenticated)
                {
                    transaction.Respond(SipResponses.Create(transaction.Request, 200, "OK", toTag: "r1"));
                    continue;
                }
                var challenge = SipResponses.Create(transaction.Request, 401, "Unauthorized", toTag: "r1");
                foreach (var value in authenticator.Challenges(result.Outcome == DigestOutcome.Stale))
                {
                    challenge.Headers.Add(HeaderNames.WwwAuthenticate, value);
                }
                transaction.Respond(challenge);
            }
        });

        var first = await Within(client.Send(Register(clientTransport.LocalEndPoint, 1, null), serverTransport.LocalEndPoint).FinalResponse);
        first.StatusCode.ShouldBe(401);
        var challenges = first.Headers.Values(HeaderNames.WwwAuthenticate).ToList();
        challenges.Count.ShouldBe(2);
        var authorization = DigestClient.Authorize(challenges[0], "alice", "s3cret", "REGISTER", "sip:127.0.0.1");
        var second = await Within(client.Send(Register(clientTransport.LocalEndPoint, 2, authorization), serverTransport.LocalEndPoint).FinalResponse);
        second.StatusCode.ShouldBe(200);
        await Within(registrar.ContinueWith(_ => true));
    }

    private static SipRequest Register(IPEndPoint local, int cseq, string? authorization) =>
        (SipRequest)new SipMessageParser().Parse(Encoding.UTF8.GetBytes(
            "REGISTER sip:127.0.0.1 SIP/2.0\r\n" +
            $"Via: SIP/2.0/UDP {local};branch={SipTransactionLayer.NewBranch()};rport\r\n" +
            "From: <sip:alice@127.0.0.1>;tag=f1\r\nTo: <sip:alice@127.0.0.1>\r\nCall-ID: reg1@127.0.0.1\r\n" +
            $"CSeq: {cseq} REGISTER\r\nMax-Forwards: 70\r\nContact: <sip:alice@{local}>;expires=60\r\n" +
            (authorization is null ? "" : $"Authorization: {authorization}\r\n") + "Content-Length: 0\r\n\r\n"));
}
