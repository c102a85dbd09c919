namespace Coffer.Sync.Notifications;

/// <summary>Coffer:Notifications:Sms: an SMS gateway reached over HTTP (docs/notifications.md, "SMS gateway").</summary>
public sealed class SmsGatewayOptions
{
    /// <summary>The URL the channel POSTs to; none: no SMS channel. The placeholders below are expanded in it too (URL-escaped).</summary>
    public string? Url { get; set; }

    /// <summary>
    /// The request body. Placeholders: <c>{device}</c> (the SyncML device id), <c>{user}</c> (the user id),
    /// <c>{udh}</c> (the SMS user data header, hex), <c>{data}</c> (the WSP Push PDU, hex), <c>{data64}</c> (the same
    /// in base64), <c>{sms}</c> (header and PDU together, hex).
    /// </summary>
    public string BodyTemplate { get; set; } = """{"to":"{device}","udh":"{udh}","data":"{data}"}""";

    /// <summary>The body's content type.</summary>
    public string ContentType { get; set; } = "application/json";

    /// <summary>How long one request may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
