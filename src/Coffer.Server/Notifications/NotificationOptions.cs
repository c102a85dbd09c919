using Coffer.Sync.Notifications;

namespace Coffer.Server.Notifications;

/// <summary>Coffer:Notifications (docs/notifications.md, "Configuration").</summary>
public sealed class NotificationOptions
{
    /// <summary>Off-switch: false plans and sends nothing (the HTTP push endpoint still answers, with nothing).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the scheduler plans the coming night (when not yet planned) and sends what is due.</summary>
    public TimeSpan Tick { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The server identifier in every package #0 and in its digest; the agent receives it with its secret.</summary>
    public string ServerId { get; set; } = "coffer";

    /// <summary>The longest an agent's long poll is held open before an empty answer.</summary>
    public TimeSpan MaxPollWait { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The SMS gateway channel, on when it has a URL.</summary>
    public SmsGatewayOptions Sms { get; set; } = new();

    /// <summary>The night's window, capacity and minimum batch (NotificationPlanOptions).</summary>
    public NotificationPlanOptions Plan { get; set; } = new();
}
