using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Coffer.Agent.Consent;
using Coffer.Agent.Peer;
using Coffer.Agent.Peer.Sip;
using Coffer.Agent.Runs;
using Coffer.Sip.Session;
using Coffer.Sip.Transactions;
using Coffer.Sip.Transport;

namespace Coffer.Agent.Cli;

/// <summary>
/// <c>coffer-agent peer sync DEVICE DATATYPE</c>: invites another device of the account through the SIP control
/// server with the session description's offer (seed 003 steps 11–18), and on its 200 OK transfers directly with it —
/// SyncML as the client of the invited agent's SyncML server, or this agent's files sent by rsync delta against the
/// invited agent's older versions — then ends the session with a BYE (steps 20–23).
/// </summary>
internal static class PeerSyncCommand
{
    public static Command Create(GlobalOptions global)
    {
        var device = new Argument<string>("device") { Description = "the device to sync with (its device id, as `peer list` shows it)" };
        var dataType = new Argument<string>("datatype") { Description = $"what to sync: {string.Join(", ", PeerDataTypes.Names)}" };
        var protocol = new Option<string?>("--protocol") { Description = "syncml or rsync (default: syncml for contacts, calendar, tasks and notes; rsync for the others)" };
        protocol.AcceptOnlyFromAmong("syncml", "rsync");
        var files = new Option<string[]>("--file") { Description = "rsync: a file or folder to send, relative to the data type's folder (repeatable; default: the whole folder)" };
        var peer = new PeerOptions();
        var command = new Command("sync", "sync a data type directly with another device of the account, set up through the SIP control server") { device, dataType, protocol, files };
        peer.AddTo(command);
        command.SetAction(async (pr, ct) =>
        {
            if (ConfiguredAgent.Load(pr, global) is not { } agent)
            {
                return ExitCodes.Usage;
            }

            var (output, config) = (agent.Output, agent.Config);
            if (PeerDataTypes.Parse(pr.GetValue(dataType)!) is not { } type)
            {
                output.Error($"unknown data type {pr.GetValue(dataType)} (known: {string.Join(", ", PeerDataTypes.Names)})");
                return ExitCodes.Usage;
            }

            var how = pr.GetValue(protocol) switch
            {
                "syncml" => PeerSyncProtocol.SyncML,
                "rsync" => PeerSyncProtocol.Rsync,
                _ => PeerDataTypes.Protocol(type),
            };
            var name = PeerDataTypes.Folder(type);
            var folder = Path.Combine(config.DataDir, name);
            var sources = new List<(string Path, string Name)>();
            if (how == PeerSyncProtocol.Rsync)
            {
                try
                {
                    sources = PeerFileSelection.Select(folder, pr.GetValue(files) ?? []);
                }
                catch (ArgumentException e)
                {
                    output.Error(e.Message);
                    return ExitCodes.Usage;
                }
            }
            else if (pr.GetValue(files) is { Length: > 0 })
            {
                output.Error("--file is for rsync: SyncML syncs the whole datastore");
                return ExitCodes.Usage;
            }

            if (await peer.EndpointsAsync(pr, config, output, "peer sync", ct) is not { } endpoints)
            {
                return ExitCodes.Usage;
            }

            var (server, local) = endpoints;

            var peerDevice = pr.GetValue(device)!;
            await using var transport = new UdpSipTransport(new IPEndPoint(local, 0));
            await using var layer = new SipTransactionLayer(transport);
            var call = new PeerCall(layer, server, config.User, agent.Password, config.DeviceId);
            var secret = RandomNumberGenerator.GetHexString(32, lowercase: true);
            var watch = Stopwatch.StartNew();
            SessionDescription answer;
            try
            {
                answer = await call.InviteAsync(peerDevice, new SessionDescription(transport.LocalEndPoint, type, how, Secret: secret), ct);
            }
            catch (PeerSipException e)
            {
                output.Error($"peer sync: {e.Message}");
                return PeerExit.Of(e);
            }
            catch (TimeoutException)
            {
                output.Error($"peer sync: the SIP control server at {server} did not answer");
                return ExitCodes.Unreachable;
            }

            var destination = answer.Destination!;
            output.Progress($"peer: {peerDevice} accepted; {name} by {SessionDescriptionXml.Name(how)} directly with {destination}");
            var printer = new PeerProgressPrinter(pr.InvocationConfiguration.Error, output.ErrorIsTerminal, TimeProvider.System, TimeSpan.FromSeconds(5));
            var report = new PeerSyncReport(peerDevice, SessionDescriptionXml.Name(type), SessionDescriptionXml.Name(how), destination.ToString());
            try
            {
                if (how == PeerSyncProtocol.SyncML)
                {
                    var side = new PeerSide(agent.Home.Path, config.DataDir, config.DeviceId);
                    report.Sync = await new PeerSyncClient(side) { LocalAddress = local }.RunAsync(new Uri($"http://{destination}/sync"), peerDevice, name, secret, printer, ct);
                    report.Failed = !report.Sync.Completed;
                }
                else
                {
                    foreach (var (path, relative) in sources)
                    {
                        try
                        {
                            report.Files.Add(await PeerFileSender.SendNamedAsync(destination, path, relative, secret, local, printer, ct));
                        }
                        catch (PeerTransferException e)
                        {
                            output.Error($"{name}/{relative}: {e.Message}");
                            report.Failed = true;
                        }
                    }
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException or PeerTransferException)
            {
                output.Error($"peer sync: the direct transfer with {destination} failed: {e.Message}");
                report.Failed = true;
            }
            finally
            {
                try
                {
                    report.Bye = await call.ByeAsync(CancellationToken.None);
                }
                catch (Exception e) when (e is TimeoutException or PeerSipException)
                {
                    output.Error($"peer sync: the BYE was not answered ({e.Message}); the server ends the session by itself later");
                }
            }

            report.Seconds = watch.Elapsed.TotalSeconds;
            report.Write(output);
            return report.Failed ? ExitCodes.PeerTransferFailed : ExitCodes.Ok;
        });
        return command;
    }
}
