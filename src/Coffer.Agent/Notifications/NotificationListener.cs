using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Coffer.Agent.Config;
using Coffer.Agent.Consent;
using Coffer.Agent.Runs;
using Coffer.SyncML;
using Coffer.SyncML.Auth;
using Coffer.SyncML.San;

using Coffer.SyncML.Dm;

namespace Coffer.Agent.Notifications;

/// <summary>
/// <c>coffer-agent listen</c>'s work (docs/agent.md): obtains the device's notification secret over the authenticated
/// API once (registering a device that never synced), long-polls the server's push endpoint with the account's credentials, verifies each package #0's digest
/// (OMA-TS-DS_Notification-V1_2 §5: MD5 digest over the server identifier and the device's notification password) and
/// starts the runs it asks for through <paramref name="run"/> (the consent policy's runner). A package whose digest
/// does not verify is ignored and logged.
/// </summary>
public sealed class NotificationListener(HttpClient http, AgentHome home, AgentConfig config, string password, Func<RunRequest, CancellationToken, Task<RunSummary>> run, TextWriter log)
{
    private readonly NotifySecretFile secretFile = new(Path.Combine(home.Path, "notify-secret"));

    /// <summary>The stored secret, or a new one the server issues; null (with the reason logged) when it refuses.</summary>
    public async Task<NotifySecret?> EnsureSecretAsync(CancellationToken ct)
    {
        if (secretFile.Load() is { } known)
        {
            return known;
        }

        var response = await AskSecretAsync(ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            // A device that never synced (a new phone) makes itself known, so that a restore onto it can be asked for.
            response.Dispose();
            using var register = new HttpRequestMessage(HttpMethod.Post, new Uri(config.ServerUrl, "api/devices")) { Content = JsonContent.Create(new { deviceId = config.DeviceId }) };
            register.Headers.Authorization = Authorization();
            using var registered = await http.SendAsync(register, ct).ConfigureAwait(false);
            if (!registered.IsSuccessStatusCode)
            {
                await log.WriteLineAsync($"the server does not know device {config.DeviceId} and did not register it ({(int)registered.StatusCode}): run a backup or sync first").ConfigureAwait(false);
                return null;
            }

            response = await AskSecretAsync(ct).ConfigureAwait(false);
        }

        using var answer = response;
        response.EnsureSuccessStatusCode();
        var secret = await response.Content.ReadFromJsonAsync<NotifySecret>(ct).ConfigureAwait(false)
            ?? throw new HttpRequestException("empty notification secret");
        secretFile.Save(secret);
        return secret;
    }

    /// <summary>One long poll of up to <paramref name="wait"/>; the runs started (empty when nothing came or it was ignored).</summary>
    public async Task<IReadOnlyList<RunSummary>> PollOnceAsync(NotifySecret secret, TimeSpan wait, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Get, $"notifications?wait={(int)wait.TotalSeconds}");
        using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            return [];
        }

        var package = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        if (string.Equals(response.Content.Headers.ContentType?.MediaType, DmVersion.NotificationMediaType, StringComparison.OrdinalIgnoreCase))
        {
            await HandleDmAsync(package, ct).ConfigureAwait(false);
            return [];
        }

        return await HandleAsync(package, secret, ct).ConfigureAwait(false);
    }

    /// <summary>What a verified DM package 0 starts: a server-initiated DM session (Alert 1200) with its session id; null: DM notifications are only logged.</summary>
    public Func<DmNotification, CancellationToken, Task>? DmSession { get; init; }

    /// <summary>
    /// A DM package 0 (OMA-TS-DM_Notification-V1_2): its digest checked with the DM account's server id and server secret
    /// over the nonce this device last issued to the server (OMA-TS-DM_Notification-V1_2 §6.2.1: the digest is built as the
    /// server's Cred, over the client's nonce; empty before the first session), then the session it announces run; one
    /// that does not verify or decode is logged and ignored.
    /// </summary>
    public async Task HandleDmAsync(byte[] package, CancellationToken ct)
    {
        if (Dm.DmAgentSetup.AccountFile(home).Load() is not { } account)
        {
            await log.WriteLineAsync("ignored a DM notification: this device has no DM account (coffer-agent dm enroll)").ConfigureAwait(false);
            return;
        }

        DmNotification message;
        try
        {
            if (!DmNotificationCodec.Verify(package, account.ServerId, account.ServerSecret, Md5Auth.DecodeNonce(account.ClientNonce)))
            {
                await log.WriteLineAsync($"ignored a DM notification of {package.Length} bytes: its digest does not verify with this device's DM server secret").ConfigureAwait(false);
                return;
            }

            message = DmNotificationCodec.Decode(package);
        }
        catch (SyncMLFormatException e)
        {
            await log.WriteLineAsync($"ignored a DM notification that does not decode: {e.Message}").ConfigureAwait(false);
            return;
        }

        await log.WriteLineAsync($"notification {message.SessionId}: DM session").ConfigureAwait(false);
        if (DmSession != null)
        {
            await DmSession(message, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Verifies a package and runs what it asks for.</summary>
    public async Task<IReadOnlyList<RunSummary>> HandleAsync(byte[] package, NotifySecret secret, CancellationToken ct)
    {
        // The nonce is empty: the device never sent the server one for notifications (buteo's SAN01 is built so too).
        if (!SanDigest.Verify(package, secret.ServerId, secret.Secret, []))
        {
            await log.WriteLineAsync($"ignored a notification of {package.Length} bytes: its digest does not verify with this device's notification secret").ConfigureAwait(false);
            return [];
        }

        SanMessage message;
        try
        {
            message = SanCodec.Decode(package);
        }
        catch (SyncMLFormatException e)
        {
            await log.WriteLineAsync($"ignored a notification that does not decode: {e.Message}").ConfigureAwait(false);
            return [];
        }

        var requests = NotificationRequests.From(message, config.DataDir, out var skipped);
        if (skipped.Count > 0)
        {
            await log.WriteLineAsync($"notification {message.SessionId}: not run here: {string.Join(", ", skipped)}").ConfigureAwait(false);
        }

        var summaries = new List<RunSummary>();
        foreach (var request in requests)
        {
            await log.WriteLineAsync($"notification {message.SessionId}: {request.Describe()}").ConfigureAwait(false);
            summaries.Add(await run(request, ct).ConfigureAwait(false));
        }

        return summaries;
    }

    private async Task<HttpResponseMessage> AskSecretAsync(CancellationToken ct)
    {
        using var request = Request(HttpMethod.Post, "notify-secret");
        return await http.SendAsync(request, ct).ConfigureAwait(false);
    }

    private HttpRequestMessage Request(HttpMethod method, string action)
    {
        var request = new HttpRequestMessage(method, new Uri(config.ServerUrl, $"api/devices/{Uri.EscapeDataString(config.DeviceId)}/{action}"));
        request.Headers.Authorization = Authorization();
        return request;
    }

    private AuthenticationHeaderValue Authorization() =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{config.User}:{password}")));
}
