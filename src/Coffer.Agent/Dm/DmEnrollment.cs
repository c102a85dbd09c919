using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Coffer.Agent.Config;
using Coffer.Agent.Protocol;

namespace Coffer.Agent.Dm;

/// <summary>
/// <c>POST /api/devices/{device}/dm-account</c> with the account's login (docs/device-management.md "Accounts"): the
/// server makes this device's DM account, replacing both secrets, and answers
/// <c>{ serverId, serverUrl, clientName, clientSecret, serverSecret }</c>.
/// </summary>
public static class DmEnrollment
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <exception cref="AuthenticationFailedException">The server refused the login (401).</exception>
    /// <exception cref="DmProtocolException">Any other refusal, or an answer that is not an account.</exception>
    /// <exception cref="HttpRequestException">The server could not be reached.</exception>
    public static async Task<DmAccount> EnrollAsync(HttpClient http, AgentConfig config, string password, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(config.ServerUrl, $"/api/devices/{Uri.EscapeDataString(config.DeviceId)}/dm-account"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{config.User}:{password}")));
        using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            throw new AuthenticationFailedException($"the server refused the login of {config.User}") { Status = 401 };
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new DmProtocolException($"the server refused the DM enrollment of {config.DeviceId}: HTTP {(int)response.StatusCode}");
        }

        try
        {
            var answer = await response.Content.ReadFromJsonAsync<Answer>(Json, ct).ConfigureAwait(false);
            if (answer is not { ServerId.Length: > 0, ServerUrl.Length: > 0, ClientName.Length: > 0, ClientSecret.Length: > 0, ServerSecret.Length: > 0 })
            {
                throw new DmProtocolException("the server's DM account lacks a field (serverId, serverUrl, clientName, clientSecret, serverSecret)");
            }

            return new DmAccount
            {
                ServerId = answer.ServerId,
                ServerUrl = new Uri(config.ServerUrl, answer.ServerUrl),
                ClientName = answer.ClientName,
                ClientSecret = answer.ClientSecret,
                ServerSecret = answer.ServerSecret,
            };
        }
        catch (JsonException e)
        {
            throw new DmProtocolException("the server's answer is not a DM account: " + e.Message, e);
        }
    }

    private sealed record Answer(string? ServerId, string? ServerUrl, string? ClientName, string? ClientSecret, string? ServerSecret);
}
