using Coffer.Sip.Message;
using Coffer.Sip.Transactions;
using static Coffer.Sip.Tests.Transport.TransportTestMessages;

namespace Coffer.Sip.Tests.Transactions;

public class InviteTransactionTests
{
    [Fact]
    public async Task A_rejected_invite_gets_100_Trying_then_the_final_response_and_the_transaction_acks_it()
    {
        await using var pair = new TransactionPair();
        pair.Record();
        var client = (InviteClientTransaction)pair.Client.Send(TransactionPair.Request("INVITE"), TransactionPair.ServerAddress);
        var server = (InviteServerTransaction)await Within(pair.Server.Requests.ReadAsync().AsTask());
        (await Within(client.Responses.ReadAsync().AsTask())).StatusCode.ShouldBe(100);
        client.State.ShouldBe(SipTransactionState.Proceeding);
        server.Respond(SipResponses.Create(server.Request, 486, "Busy Here", toTag: "b"));
        (await Within(client.FinalResponse)).StatusCode.ShouldBe(486);
        (await Within(server.Acknowledged)).ShouldBeTrue();
        pair.ToServer.ShouldBe(["INVITE sip:bob@10.0.0.2 SIP/2.0", "ACK sip:bob@10.0.0.2 SIP/2.0"]);
        server.State.ShouldBe(SipTransactionState.Confirmed);
        client.State.ShouldBe(SipTransactionState.Completed);
        await pair.Advance(pair.Server.Timers.T4);
        server.State.ShouldBe(SipTransactionState.Terminated);
        await pair.Advance(pair.Client.Timers.DUnreliable);
        client.State.ShouldBe(SipTransactionState.Terminated);
    }

    [Fact]
    public async Task Without_an_ACK_timer_G_resends_the_final_response_until_timer_H()
    {
        await using var pair = new TransactionPair();
        pair.Lose(s => s.StartsWith("ACK", StringComparison.Ordinal), _ => false);
        var client = pair.Client.Send(TransactionPair.Request("INVITE"), TransactionPair.ServerAddress);
        var server = (InviteServerTransaction)await Within(pair.Server.Requests.ReadAsync().AsTask());
        server.Respond(SipResponses.Create(server.Request, 486, "Busy Here", toTag: "b"));
        await pair.Advance(TimeSpan.FromSeconds(31.75));
        // 486 at 0, then G at 0.5, 1.5, 3.5, 7.5, 11.5, ... 31.5 (doubling up to T2).
        pair.ToClient.Count(s => s.StartsWith("SIP/2.0 486", StringComparison.Ordinal)).ShouldBe(11);
        // Each retransmission reached the Completed client transaction, which acknowledged it again.
        pair.ToServer.Count(s => s.StartsWith("ACK", StringComparison.Ordinal)).ShouldBe(11);
        await pair.Advance(TimeSpan.FromMilliseconds(250));
        (await Within(server.Acknowledged)).ShouldBeFalse();
        server.State.ShouldBe(SipTransactionState.Terminated);
        (await client.FinalResponse).StatusCode.ShouldBe(486);
    }

    [Fact]
    public async Task An_unanswered_invite_doubles_timer_A_and_times_out_on_timer_B()
    {
        await using var pair = new TransactionPair();
        pair.Lose(_ => true, _ => false);
        var client = pair.Client.Send(TransactionPair.Request("INVITE"), TransactionPair.ServerAddress);
        await pair.Advance(TimeSpan.FromSeconds(31.75));
        // Sent at 0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5.
        client.Sends.ShouldBe(7);
        await pair.Advance(TimeSpan.FromMilliseconds(250));
        (await Within(client.FinalResponse)).StatusCode.ShouldBe(408);
    }

    [Fact]
    public async Task A_2xx_ends_both_transactions_and_its_ACK_reaches_the_TU_as_a_stray()
    {
        await using var pair = new TransactionPair();
        var client = pair.Client.Send(TransactionPair.Request("INVITE"), TransactionPair.ServerAddress);
        var server = await Within(pair.Server.Requests.ReadAsync().AsTask());
        var ok = SipResponses.Create(server.Request, 200, "OK", toTag: "b");
        server.Respond(ok);
        var final = await Within(client.FinalResponse);
        final.StatusCode.ShouldBe(200);
        client.State.ShouldBe(SipTransactionState.Terminated);
        server.State.ShouldBe(SipTransactionState.Terminated);
        // §13.2.2.4: the UAC core acknowledges a 2xx itself, with a new branch.
        var ack = SipResponses.Ack(client.Request, final);
        ack.Headers.Set(HeaderNames.Via, $"SIP/2.0/UDP 10.0.0.1:5060;branch={SipTransactionLayer.NewBranch()}");
        await pair.Client.SendStatelessAsync(ack, TransactionPair.ServerAddress);
        var stray = await Within(pair.Server.Strays.ReadAsync().AsTask());
        stray.Message.ShouldBeOfType<SipRequest>().Method.ShouldBe("ACK");
    }
}
