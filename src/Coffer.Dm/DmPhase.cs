namespace Coffer.Dm;

/// <summary>Where a management session is.</summary>
public enum DmPhase
{
    /// <summary>Nothing to do: the next reply ends the session.</summary>
    Idle,

    /// <summary>Alert 1101 sent; waiting for its Status.</summary>
    Consent,

    /// <summary>Backup: Alert 1102 out, asking the user to name the backup; waiting for its Status.</summary>
    Label,

    /// <summary>Backup: Gets out, Results coming in.</summary>
    Walk,

    /// <summary>Restore: Get of <c>./DevDetail/FwV</c> out, to plan against the device's firmware.</summary>
    Firmware,

    /// <summary>Restore: Alert 1103 out, asking what to restore; waiting for its Status.</summary>
    Choice,

    /// <summary>Restore: commands out, Statuses coming in.</summary>
    Restore,

    /// <summary>The session's last reply went out.</summary>
    Ended,

    /// <summary>The job is done and Alert 1100 tells the user so; the device's Status for it ends the session.</summary>
    Closing,
}
