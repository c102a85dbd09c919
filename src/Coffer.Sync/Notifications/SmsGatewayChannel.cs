using System.Text;
using Coffer.Storage;
using Coffer.SyncML.San;

namespace Coffer.Sync.Notifications;

/// <summary>
/// Hands a package #0 to an SMS gateway over HTTP as a WAP Push (<see cref="WapPush"/>): one POST per device, its
/// body <see cref="SmsGatewayOptions.BodyTemplate"/> filled in. Coffer keeps no phone numbers: the gateway maps the
/// device id (a phone's IMEI, say) to its number. Any 2xx answer is delivered; otherwise the status is the reason.
/// </summary>
public sealed class SmsGatewayChannel(HttpClient http, SmsGatewayOptions options) : INotificationChannel
{
    public async Task<string?> DeliverAsync(Device device, byte[] package, CancellationToken cancellationToken)
    {
        var pdu = WapPush.Encode(package);
        var values = new Dictionary<string, string>
        {
            ["{device}"] = device.DeviceId,
            ["{user}"] = device.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{udh}"] = Convert.ToHexString(WapPush.UserDataHeader),
            ["{data}"] = Convert.ToHexString(pdu),
            ["{data64}"] = Convert.ToBase64String(pdu),
            ["{sms}"] = Convert.ToHexString([.. WapPush.UserDataHeader, .. pdu]),
        };
        var url = Fill(options.Url ?? throw new InvalidOperationException("no SMS gateway URL"), values, Uri.EscapeDataString);
        using var content = new StringContent(Fill(options.BodyTemplate, values, v => v), Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(options.ContentType);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            using var response = await http.PostAsync(new Uri(url), content, timeout.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? null : $"SMS gateway answered {(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"SMS gateway did not answer within {options.Timeout.TotalSeconds:0} s";
        }
        catch (HttpRequestException e)
        {
            return $"SMS gateway: {e.Message}";
        }
    }

    private static string Fill(string template, Dictionary<string, string> values, Func<string, string> escape)
    {
        var text = new StringBuilder(template);
        foreach (var (name, value) in values)
        {
            text.Replace(name, escape(value));
        }

        return text.ToString();
    }
}
