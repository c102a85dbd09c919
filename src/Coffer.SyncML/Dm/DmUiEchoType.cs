namespace Coffer.SyncML.Dm;

/// <summary>
/// The <c>ET</c> option of a text-input alert (1102): whether the typed text is shown
/// (OMA-TS-DM_Protocol-V1_2 §10.5 "User Interaction Alert options", ET). The value is the letter on the wire.
/// </summary>
public enum DmUiEchoType
{
    /// <summary>T: shown as typed.</summary>
    Text = 'T',

    /// <summary>P: masked, as a password.</summary>
    Password = 'P',
}
