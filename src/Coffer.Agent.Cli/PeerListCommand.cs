using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Coffer.Agent.Runs;

namespace Coffer.Agent.Cli;

/// <summary><c>coffer-agent peer list</c>: the account's devices online now (GET /api/peers, docs/api.md), as a table or JSON.</summary>
internal static class PeerListCommand
{
    public static Command Create(GlobalOptions global)
    {
        var command = new Command("list", "list this account's devices online now (registered with the SIP control server)");
        command.SetAction(async (pr, ct) =>
        {
            if (ConfiguredAgent.Load(pr, global) is not { } agent)
            {
                return ExitCodes.Usage;
            }

            var (output, config) = (agent.Output, agent.Config);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(config.ServerUrl, "api/peers"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{config.User}:{agent.Password}")));
            try
            {
                using var response = await http.SendAsync(request, ct);
                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    output.Error($"wrong account name or password for {config.User} at {config.ServerUrl}");
                    return ExitCodes.AuthenticationFailed;
                }

                if (!response.IsSuccessStatusCode)
                {
                    output.Error($"GET /api/peers answered {(int)response.StatusCode} {response.ReasonPhrase}");
                    return ExitCodes.Protocol;
                }

                var peers = await response.Content.ReadFromJsonAsync<List<PeerListing>>(ct) ?? [];
                if (output.Json)
                {
                    output.WriteJson(peers);
                    return ExitCodes.Ok;
                }

                output.Table(
                    ["device", "address", "contact", "expires"],
                    [.. peers.Select(p => new[] { p.Device + (p.Device == config.DeviceId ? " (this one)" : string.Empty), p.Address, p.Contact, p.Expires.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture) })]);
                return ExitCodes.Ok;
            }
            catch (HttpRequestException ex)
            {
                output.Error($"peer list: {ex.Message}");
                return ExitCodes.Unreachable;
            }
            catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
            {
                output.Error($"peer list: {ex.Message}");
                return ExitCodes.Unreachable;
            }
        });
        return command;
    }
}
