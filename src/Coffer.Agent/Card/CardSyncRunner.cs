using Coffer.Agent.Config;
using Coffer.Agent.Protocol;
using Coffer.Agent.Runs;
using Coffer.Agent.Sources;
using Coffer.SyncML;

namespace Coffer.Agent.Card;

/// <summary>
/// <c>coffer-agent card sync</c>: one SyncML session between a card and the agent's Coffer server, the card being its
/// own device (<see cref="CardDatastore.DeviceId"/>). Seed 002 steps 1–4 over OMA DS: NewSync gives the anchors; the
/// server compares the Last anchor with the one it stored for the card and answers 508 when they do not match (or
/// either is missing), and the client then runs the slow sync — the seed's full synchronization; otherwise a two-way
/// sync carries only GetChanges' items; StoreSync when the session completed.
/// </summary>
public sealed class CardSyncRunner(AgentConfig config, string password, string authType, ISyncTransport transport, IRunProgress progress, string spoolDirectory)
{
    public TimeProvider Time { get; init; } = TimeProvider.System;

    public async Task<RunSummary> RunAsync(string cardPath, CancellationToken ct)
    {
        var started = Time.GetTimestamp();
        var summary = await RunTimedAsync(cardPath, ct).ConfigureAwait(false);
        return summary with { Duration = Time.GetElapsedTime(started) };
    }

    private async Task<RunSummary> RunTimedAsync(string cardPath, CancellationToken ct)
    {
        const string Command = "card sync";
        var name = CardDatastore.Info.Name;
        using var card = CardFile.Open(cardPath);
        var newSync = card.SyncObjects.NewSync(CardDatastore.Peer(config.ServerUrl, config.User));
        var source = new CardSyncSource(card, newSync);
        var counting = new CountingTransport(transport, (sent, received) => progress.Bytes(name, sent, received));
        var client = new SyncClient(
            new ClientAccount(config.User, password, CardDatastore.DeviceId(card.Id), config.ServerUrl),
            new ClientSettings { MaxMsgSize = config.MaxMsgSize, SpoolDirectory = spoolDirectory, Model = "coffer-agent card" },
            counting,
            config.Wbxml ? SyncMLCodec.Wbxml : SyncMLCodec.Xml,
            [CardDatastore.Info])
        {
            // The nonce of an md5 account belongs to the agent's own device, not to the card: the server challenges once.
            Auth = new AuthState { Type = authType },

            // A card the server has synced before has given it its DevInf; otherwise the server asks for it anyway.
            DevInfDelivered = newSync.Last != null,
            Progress = (_, sent, total) => progress.ItemsSent(name, sent, total),
            Planned = (d, changes) => progress.Planned(name, changes.Count, changes.Count == 0 ? 0 : Consent.WireSize.PerSession + changes.Sum(c => Consent.WireSize.Of(c.Content?.Length ?? 0, d.Binary))),
        };

        var alert = newSync.Last == null ? AlertCode.SlowSync : AlertCode.TwoWay;
        progress.Note(name, SyncModeNames.Of(alert));
        try
        {
            var result = await client.SyncAsync(source, alert, ct, nextAnchor: newSync.Proposed.Id).ConfigureAwait(false);
            if (result.ServerAlert != alert)
            {
                progress.Note(name, $"the server asked for {SyncModeNames.Of(result.ServerAlert)}");
            }

            var changes = source.Changes;
            var added = changes?.Added.Count ?? 0;
            var modified = changes?.Modified.Count ?? 0;
            var local = new ScanCounts(added, modified, (int)Math.Max(0, card.Items.Count - result.ReceivedAdds - added - modified), changes?.Deleted.Count ?? 0);
            var summary = DatastoreSummary.Of(name, result, local, counting.Received);
            return new RunSummary(Command, [summary], summary.ExitCode);
        }
        catch (AuthenticationFailedException ex)
        {
            return new RunSummary(Command, [], ExitCodes.AuthenticationFailed, $"wrong account name or password for {config.User} at {config.ServerUrl} ({ex.Message})");
        }
        catch (HttpRequestException ex)
        {
            return new RunSummary(Command, [], ExitCodes.Unreachable, $"server unreachable at {config.ServerUrl}: {ex.Message}");
        }
        catch (HttpIOException ex)
        {
            return new RunSummary(Command, [], ExitCodes.Unreachable, $"connection to {config.ServerUrl} lost: {ex.Message}");
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            return new RunSummary(Command, [], ExitCodes.Unreachable, $"server at {config.ServerUrl} did not answer in time: {ex.Message}");
        }
        catch (SyncProtocolException ex)
        {
            return new RunSummary(Command, [new DatastoreSummary(name) { Error = ex.Message, ExitCode = ExitCodes.Protocol }], ExitCodes.Protocol);
        }
        catch (SyncMLFormatException ex)
        {
            return new RunSummary(Command, [new DatastoreSummary(name) { Error = "unreadable reply: " + ex.Message, ExitCode = ExitCodes.Protocol }], ExitCodes.Protocol);
        }
        finally
        {
            progress.Finished(name);
        }
    }
}
