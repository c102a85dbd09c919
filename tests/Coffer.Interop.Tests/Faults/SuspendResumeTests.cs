using Coffer.Interop.Tests.Harness;
using DatastoreKind = Coffer.Storage.DatastoreKind;

namespace Coffer.Interop.Tests.Faults;

/// <summary>
/// Ctrl-C once during a large sync makes SyncEvolution suspend (interop README fact 8); its next run resumes with
/// Alert 225 (OMA-TS-DS_Protocol-V1_2 §6.13 "Suspend and Resume"). Coffer continues the interrupted session in its
/// sync type with its map (Status 200 to the 225, its own Alert in that type), so the client sends only the rest.
/// The reference server answered a resumed first slow sync with 508 + 201 instead (captures session-xml-suspend 008).
/// </summary>
[Trait("Category", "Interop")]
public sealed class SuspendResumeTests
{
    private const int Count = 500;

    // Small messages, so the interrupted sync is still sending when the signal arrives.
    private static readonly PhoneOptions SmallMessages = new() { MaxMsgSize = 8000 };

    [Fact]
    public async Task SuspendedFirstSlowSync_RerunAsTwoWay_ResumeIsASlowSyncTheClientRefuses_ThenSlowRerunCompletesWithoutDuplicates()
    {
        using var env = SyncEvolutionEnvironment.Create("suspend-slow");
        await using var server = await CofferTestServer.StartAsync();
        await server.AddUserAsync(CofferInterop.User, CofferInterop.Password);
        await using var proxy = StartInterruptingProxy(env, server, () => 4);
        var a = await CofferInterop.NewPhoneAsync(env, proxy.UrlFor("/sync"), "pa", SmallMessages);
        TestVCards.WriteGenerated(a, Count);

        var suspended = await a.SyncAsync(SyncMode.Slow, TimeSpan.FromSeconds(60), Datastore.Contacts);
        ShouldBeSuspended(suspended, proxy);
        var stored = await server.CountLiveAsync(CofferInterop.User, DatastoreKind.Contacts);
        stored.ShouldBeInRange(1, Count - 1, "part of the cards reached the server before the suspend");

        // Alert 225 without Last (the interrupted session was the first). Coffer resumes it as what it was, a slow
        // sync: 200 for the 225 and its own Alert 201.
        var before = proxy.Exchanges.Count;
        var twoWay = await a.SyncAsync(SyncMode.TwoWay, Datastore.Contacts);
        var resume = proxy.Exchanges[before];
        SyncMLText.AlertCodes(resume.RequestText).ShouldBe(["225"]);
        resume.RequestText.ShouldNotContain("<Last>");
        SyncMLText.StatusCodes(resume.ResponseText!, "Alert").ShouldBe(["200"]);
        SyncMLText.AlertCodes(resume.ResponseText!).ShouldBe(["201"]);
        // Asked for two-way, the client refuses a slow sync (preventSlowSync, status 22000), as after the reference
        // server's 508 + 201.
        twoWay.Succeeded.ShouldBeFalse(twoWay.ToString());
        twoWay[Datastore.Contacts].Status.ShouldBe(22000, twoWay.ToString());
        (await server.CountLiveAsync(CofferInterop.User, DatastoreKind.Contacts)).ShouldBe(stored, "the refused session changed nothing");

        before = proxy.Exchanges.Count;
        var slow = await a.SyncAsync(SyncMode.Slow, TimeSpan.FromSeconds(60), Datastore.Contacts);
        // The refused session ended the suspended one: the client starts a fresh slow sync (201), no resume.
        SyncMLText.AlertCodes(proxy.Exchanges[before].RequestText).ShouldBe(["201"]);
        slow.Succeeded.ShouldBeTrue(slow.ToString());
        slow[Datastore.Contacts].Mode.ShouldBe("slow", slow.ToString());
        // A slow sync sends everything again; the cards stored before the suspend are matched as twins.
        slow[Datastore.Contacts].RemoteAdded.ShouldBe(Count, slow.ToString());
        slow[Datastore.Contacts].RemoteErrors.ShouldBe(0, slow.ToString());
        slow[Datastore.Contacts].LocalAdded.ShouldBe(0, slow.ToString());
        await ShouldHoldExactlyThePhonesCardsAsync(server, a, Count);
    }

    [Fact]
    public async Task SuspendedFirstSlowSync_SameCommandAgain_Resume225Accepted_OnlyTheRestIsSent_NoDuplicates()
    {
        using var env = SyncEvolutionEnvironment.Create("suspend-again");
        await using var server = await CofferTestServer.StartAsync();
        await server.AddUserAsync(CofferInterop.User, CofferInterop.Password);
        await using var proxy = StartInterruptingProxy(env, server, () => 4);
        var a = await CofferInterop.NewPhoneAsync(env, proxy.UrlFor("/sync"), "pa", SmallMessages);
        TestVCards.WriteGenerated(a, Count);
        ShouldBeSuspended(await a.SyncAsync(SyncMode.Slow, TimeSpan.FromSeconds(60), Datastore.Contacts), proxy);
        var stored = await server.CountLiveAsync(CofferInterop.User, DatastoreKind.Contacts);
        stored.ShouldBeInRange(1, Count - 1);

        var before = proxy.Exchanges.Count;
        var again = await a.SyncAsync(SyncMode.Slow, TimeSpan.FromSeconds(60), Datastore.Contacts);

        var resume = proxy.Exchanges[before];
        SyncMLText.AlertCodes(resume.RequestText).ShouldBe(["225"]);
        SyncMLText.StatusCodes(resume.ResponseText!, "Alert").ShouldBe(["200"]);
        SyncMLText.AlertCodes(resume.ResponseText!).ShouldBe(["201"]);
        again.Succeeded.ShouldBeTrue(again.ToString());
        again[Datastore.Contacts].Mode.ShouldBe("slow", again.ToString());
        again[Datastore.Contacts].RemoteAdded.ShouldBe(Count - stored, again.ToString());
        again[Datastore.Contacts].RemoteErrors.ShouldBe(0, again.ToString());
        again[Datastore.Contacts].LocalAdded.ShouldBe(0, again.ToString());
        await ShouldHoldExactlyThePhonesCardsAsync(server, a, Count);
    }

    [Fact]
    public async Task SuspendedTwoWaySync_Resume225WithMatchingAnchor_IsAccepted_ClientSendsOnlyTheRest()
    {
        const int Seeded = 5;
        using var env = SyncEvolutionEnvironment.Create("suspend-2way");
        await using var server = await CofferTestServer.StartAsync();
        await server.AddUserAsync(CofferInterop.User, CofferInterop.Password);
        var interruptAt = int.MaxValue;
        await using var proxy = StartInterruptingProxy(env, server, () => Volatile.Read(ref interruptAt));
        var a = await CofferInterop.NewPhoneAsync(env, proxy.UrlFor("/sync"), "pa", SmallMessages);
        for (var i = 1; i <= Seeded; i++)
        {
            a.WriteItem(Datastore.Contacts, TestVCards.FileName(10_000 + i), TestVCards.Generated(10_000 + i));
        }

        (await a.SyncAsync(SyncMode.Slow, Datastore.Contacts)).Succeeded.ShouldBeTrue();
        TestVCards.WriteGenerated(a, Count);

        Volatile.Write(ref interruptAt, proxy.Exchanges.Count + 4);
        var suspended = await a.SyncAsync(SyncMode.TwoWay, TimeSpan.FromSeconds(60), Datastore.Contacts);
        ShouldBeSuspended(suspended, proxy);
        var stored = await server.CountLiveAsync(CofferInterop.User, DatastoreKind.Contacts);
        stored.ShouldBeInRange(Seeded + 1, Seeded + Count - 1, "part of the new cards reached the server before the suspend");

        var before = proxy.Exchanges.Count;
        var resumed = await a.SyncAsync(SyncMode.TwoWay, TimeSpan.FromSeconds(60), Datastore.Contacts);
        var resume = proxy.Exchanges[before];
        SyncMLText.AlertCodes(resume.RequestText).ShouldBe(["225"]);
        resume.RequestText.ShouldContain("<Last>");
        // The Last anchor is the one of the completed seed sync, which Coffer holds too: resume accepted.
        SyncMLText.StatusCodes(resume.ResponseText!, "Alert").ShouldBe(["200"]);
        resumed.Succeeded.ShouldBeTrue(resumed.ToString());
        resumed[Datastore.Contacts].Mode.ShouldBe("two-way", resumed.ToString());
        // Only what was not acknowledged before the suspend is sent again.
        resumed[Datastore.Contacts].RemoteAdded.ShouldBe(Seeded + Count - stored, resumed.ToString());
        resumed[Datastore.Contacts].RemoteErrors.ShouldBe(0, resumed.ToString());
        resumed[Datastore.Contacts].LocalAdded.ShouldBe(0, "the cards the phone itself sent are not echoed back");
        await ShouldHoldExactlyThePhonesCardsAsync(server, a, Seeded + Count);
    }

    /// <summary>A proxy that sends SIGINT to the client once, when request number <paramref name="interruptAt"/> arrives.</summary>
    private static FaultProxy StartInterruptingProxy(SyncEvolutionEnvironment env, CofferTestServer server, Func<int> interruptAt)
    {
        var done = 0;
        return FaultProxy.Start(server.BaseUri, new FaultProxyOptions
        {
            BeforeForward = async n =>
            {
                if (n == interruptAt() && Interlocked.Exchange(ref done, 1) == 0)
                {
                    try
                    {
                        var seen = env.Output.Count;
                        await ClientProcesses.InterruptAsync(env);

                        // Hold this message until the client says it took the signal: with a fast server the remaining
                        // exchanges of a 500-card sync finish in well under a second, before SyncEvolution reacts, and a
                        // busy machine can delay its reaction by seconds. The client prints this line on the first SIGINT.
                        if (!await env.Output.WaitForAsync("Asking to suspend", seen, TimeSpan.FromSeconds(60)))
                        {
                            throw new InvalidOperationException("the client never reported the suspend request");
                        }
                    }
                    catch (InvalidOperationException ex)
                    {
                        // Visible in the test output: a run that was never interrupted must not look like a flaky client.
                        Console.Error.WriteLine("SuspendResumeTests: could not interrupt the client: " + ex.Message);
                        throw;
                    }
                }
            },
        });
    }

    private static void ShouldBeSuspended(SyncReport report, FaultProxy proxy)
    {
        report.ExitCode.ShouldBe(1, report.ToString());
        // SyncEvolution's "explicitly suspended on behalf of user".
        report.Status.ShouldBe(20032, report.ToString());
        // The client ends the suspended session with a message without Final; Coffer asks for more (Alert 222).
        var last = proxy.Exchanges[^1];
        SyncMLText.IsFinal(last.RequestText).ShouldBeFalse();
        SyncMLText.AlertCodes(last.ResponseText!).ShouldBe(["222"]);
    }

    /// <summary>Nothing lost, nothing twice: the server holds exactly the phone's cards, once each.</summary>
    private static async Task ShouldHoldExactlyThePhonesCardsAsync(CofferTestServer server, Phone phone, int count)
    {
        phone.CountItems(Datastore.Contacts).ShouldBe(count);
        (await server.CountLiveAsync(CofferInterop.User, DatastoreKind.Contacts)).ShouldBe(count);
        var serverNames = (await CofferInterop.ServerCardsAsync(server)).Select(CofferInterop.FormattedName).Order(StringComparer.Ordinal).ToList();
        var phoneNames = phone.ReadItems(Datastore.Contacts).Values.Select(CofferInterop.FormattedName).Order(StringComparer.Ordinal).ToList();
        serverNames.ShouldBe(phoneNames);
        serverNames.Distinct().Count().ShouldBe(count);
    }
}
