namespace Coffer.Storage;

/// <summary>Where one notification of a night's plan stands. Stored by value: never renumber.</summary>
public enum NotificationState
{
    /// <summary>Waits for its minute.</summary>
    Planned = 0,

    /// <summary>Taken by a server to send; never taken again, so a restart sends nobody twice.</summary>
    Sending = 1,

    Sent = 2,

    /// <summary>Every channel refused it; the error says why.</summary>
    Failed = 3,

    /// <summary>Did not fit the night: the next night's plan takes it first.</summary>
    Postponed = 4,
}
