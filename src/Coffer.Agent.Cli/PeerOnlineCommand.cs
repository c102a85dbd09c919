using System.CommandLine;
using System.Globalization;
using System.Net;
using Coffer.Agent.Peer;
using Coffer.Agent.Peer.Sip;
using Coffer.Agent.Runs;
using Coffer.Sip.Transactions;
using Coffer.Sip.Transport;

namespace Coffer.Agent.Cli;

/// <summary>
/// <c>coffer-agent peer online</c>: registers this device with the SIP control server (seed 003 steps 1–5) and keeps
/// it registered, answers INVITEs from the account's other devices and serves the transfer they ask for
/// (<see cref="PeerResponder"/>), printing progress; runs until Ctrl-C, then un-registers.
/// </summary>
internal static class PeerOnlineCommand
{
    private static readonly TimeSpan Expires = TimeSpan.FromSeconds(60);

    public static Command Create(GlobalOptions global)
    {
        var peer = new PeerOptions();
        var command = new Command("online", "register with the SIP control server and serve the account's other devices until Ctrl-C");
        peer.AddTo(command);
        command.SetAction(async (pr, signalled) =>
        {
            // System.CommandLine cancels the token on the signal's own thread and starts its termination timeout only
            // when every callback has returned; going offline (un-REGISTER, the sessions stopped) runs on the thread
            // pool instead, so nothing it does can hold up that thread and the timeout always holds.
            using var offline = new CancellationTokenSource();
            using var relay = signalled.UnsafeRegister(static state => ThreadPool.QueueUserWorkItem(static source => StopQuietly((CancellationTokenSource)source!), state), offline);
            var ct = offline.Token;
            if (ConfiguredAgent.Load(pr, global) is not { } agent)
            {
                return ExitCodes.Usage;
            }

            var (output, config) = (agent.Output, agent.Config);
            if (await peer.EndpointsAsync(pr, config, output, "peer online", ct) is not { } endpoints)
            {
                return ExitCodes.Usage;
            }

            var (server, local) = endpoints;

            await using var transport = new UdpSipTransport(new IPEndPoint(local, 0));
            await using var layer = new SipTransactionLayer(transport);
            var registration = new PeerRegistration(layer, server, config.User, agent.Password, config.DeviceId);
            TimeSpan granted;
            try
            {
                granted = await registration.RegisterAsync(Expires, ct);
            }
            catch (PeerSipException e)
            {
                output.Error($"peer online: {e.Message} ({server})");
                return PeerExit.Of(e);
            }
            catch (TimeoutException)
            {
                output.Error($"peer online: the SIP control server at {server} did not answer");
                return ExitCodes.Unreachable;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return ExitCodes.Ok;
            }

            output.Progress(string.Create(CultureInfo.InvariantCulture, $"peer: online as {config.DeviceId} ({registration.Contact}) with {server}, registered for {granted.TotalSeconds:0} s and refreshed at half of it; Ctrl-C to stop"));
            var printer = new PeerProgressPrinter(pr.InvocationConfiguration.Error, output.ErrorIsTerminal, TimeProvider.System, TimeSpan.FromSeconds(5));
            await using var responder = new PeerResponder(new PeerSide(agent.Home.Path, config.DataDir, config.DeviceId), local, output, printer);
            var callee = new PeerCallee(layer, config.DeviceId, responder.Serves, responder.AcceptAsync);
            callee.Ended += responder.End;
            using var stopping = ct.Register(() => output.Progress("peer: going offline"));
            await Task.WhenAll(
                registration.RunAsync(Expires, line => output.Progress($"peer: {line}"), ct),
                callee.RunAsync(ct));
            output.Progress("peer: offline");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void StopQuietly(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The verb had already finished.
        }
    }
}
