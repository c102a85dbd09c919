using Coffer.Sip.Message;
using Coffer.Sip.Transactions;
using static Coffer.Sip.Tests.Transport.TransportTestMessages;

namespace Coffer.Sip.Tests.Transactions;

public class NonInviteTransactionTests
{
    [Fact]
    public async Task A_lost_request_is_retransmitted_on_timer_E_and_answered()
    {
        await using var pair = new TransactionPair();
        var first = true;
        pair.Lose(s => s.StartsWith("REGISTER", StringComparison.Ordinal) && (first ? !(first = false) : false), _ => false);
        var client = pair.Client.Send(TransactionPair.Request("REGISTER"), TransactionPair.ServerAddress);
        await pair.Settle();
        pair.Server.Requests.TryRead(out _).ShouldBeFalse();
        pair.Time.Advance(pair.Client.Timers.T1);
        var server = await Within(pair.Server.Requests.ReadAsync().AsTask());
        server.Respond(SipResponses.Create(server.Request, 200, "OK", toTag: "b"));
        (await Within(client.FinalResponse)).StatusCode.ShouldBe(200);
        client.Sends.ShouldBe(2);
        client.State.ShouldBe(SipTransactionState.Completed);
        // Timer K (T4) ends the client; timer J (64*T1) ends the server.
        await pair.Advance(pair.Client.Timers.T4);
        client.State.ShouldBe(SipTransactionState.Terminated);
        server.State.ShouldBe(SipTransactionState.Completed);
        await pair.Advance(pair.Client.Timers.TransactionTimeout);
        server.State.ShouldBe(SipTransactionState.Terminated);
        pair.Server.ActiveTransactions.ShouldBe(0);
    }

    [Fact]
    public async Task Unanswered_requests_back_off_to_T2_and_time_out_with_408_on_timer_F()
    {
        await using var pair = new TransactionPair();
        pair.Lose(_ => true, _ => false);
        var client = pair.Client.Send(TransactionPair.Request("OPTIONS"), TransactionPair.ServerAddress);
        await pair.Advance(TimeSpan.FromSeconds(31.75));
        // Sent at 0, 0.5, 1.5, 3.5, 7.5, then every T2 = 4 s: 11.5, 15.5, 19.5, 23.5, 27.5, 31.5.
        client.Sends.ShouldBe(11);
        client.FinalResponse.IsCompleted.ShouldBeFalse();
        await pair.Advance(TimeSpan.FromMilliseconds(250));
        (await Within(client.FinalResponse)).StatusCode.ShouldBe(408);
        client.State.ShouldBe(SipTransactionState.Terminated);
    }

    [Fact]
    public async Task The_server_absorbs_a_retransmitted_request_and_resends_its_response()
    {
        await using var pair = new TransactionPair();
        var lostOk = false;
        pair.Lose(_ => false, s => s.StartsWith("SIP/2.0 200", StringComparison.Ordinal) && !lostOk && (lostOk = true));
        var client = pair.Client.Send(TransactionPair.Request("REGISTER"), TransactionPair.ServerAddress);
        var server = await Within(pair.Server.Requests.ReadAsync().AsTask());
        server.Respond(SipResponses.Create(server.Request, 200, "OK", toTag: "b"));
        await pair.Settle();
        client.FinalResponse.IsCompleted.ShouldBeFalse();
        pair.Time.Advance(pair.Client.Timers.T1);
        (await Within(client.FinalResponse)).StatusCode.ShouldBe(200);
        // The retransmitted REGISTER reached the server transaction, not the TU.
        pair.Server.Requests.TryRead(out _).ShouldBeFalse();
        pair.ToClient.Count(s => s.StartsWith("SIP/2.0 200", StringComparison.Ordinal)).ShouldBe(2);
    }

    [Fact]
    public async Task A_reliable_transport_never_retransmits_and_ends_at_once()
    {
        await using var pair = new TransactionPair(reliable: true);
        pair.Record();
        var client = pair.Client.Send(TransactionPair.Request("REGISTER"), TransactionPair.ServerAddress);
        var server = await Within(pair.Server.Requests.ReadAsync().AsTask());
        await pair.Advance(TimeSpan.FromSeconds(10));
        pair.ToServer.Count.ShouldBe(1);
        server.Respond(SipResponses.Create(server.Request, 200, "OK", toTag: "b"));
        (await Within(client.FinalResponse)).StatusCode.ShouldBe(200);
        await Within(client.Terminated.ContinueWith(_ => true));
        server.State.ShouldBe(SipTransactionState.Terminated);
    }
    [Fact]
    public async Task Completed_transactions_resend_their_response_and_end_each_on_its_own_timer_J()
    {
        await using var pair = new TransactionPair();
        pair.Record();
        var first = await Answered(pair, TransactionPair.Request("REGISTER"));
        await pair.Advance(TimeSpan.FromSeconds(10));
        var secondRequest = TransactionPair.Request("REGISTER");
        var second = await Answered(pair, secondRequest);
        first.Transaction.State.ShouldBe(SipTransactionState.Completed);

        // 64*T1 after the first completed: the first ends, the second (completed 10 s later) still answers.
        await pair.Advance(pair.Server.Timers.TransactionTimeout - TimeSpan.FromSeconds(10));
        first.Transaction.State.ShouldBe(SipTransactionState.Terminated);
        second.Transaction.State.ShouldBe(SipTransactionState.Completed);
        var oks = pair.ToClient.Count(s => s.StartsWith("SIP/2.0 200", StringComparison.Ordinal));
        await pair.ClientTransport.SendAsync(secondRequest, TransactionPair.ServerAddress);
        await pair.Settle();
        pair.ToClient.Count(s => s.StartsWith("SIP/2.0 200", StringComparison.Ordinal)).ShouldBe(oks + 1);
        pair.Server.Requests.TryRead(out _).ShouldBeFalse();
        pair.Server.ActiveTransactions.ShouldBe(1);

        await pair.Advance(TimeSpan.FromSeconds(10));
        second.Transaction.State.ShouldBe(SipTransactionState.Terminated);
        await Within(second.Transaction.Terminated.ContinueWith(_ => true));
        pair.Server.ActiveTransactions.ShouldBe(0);
    }

    private static async Task<(SipServerTransaction Transaction, SipResponse Response)> Answered(TransactionPair pair, SipRequest request)
    {
        var client = pair.Client.Send(request, TransactionPair.ServerAddress);
        var server = await Within(pair.Server.Requests.ReadAsync().AsTask());
        server.Respond(SipResponses.Create(server.Request, 200, "OK", toTag: "b"));
        return (server, await Within(client.FinalResponse));
    }
}
