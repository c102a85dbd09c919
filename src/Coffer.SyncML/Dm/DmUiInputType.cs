namespace Coffer.SyncML.Dm;

/// <summary>
/// The <c>IT</c> option of a text-input alert (1102): what kind of text the user types
/// (OMA-TS-DM_Protocol-V1_2 §10.5 "User Interaction Alert options", IT). The value is the letter on the wire.
/// </summary>
public enum DmUiInputType
{
    /// <summary>A: alphanumeric.</summary>
    Alphanumeric = 'A',

    /// <summary>N: numeric (digits, sign, decimal point).</summary>
    Numeric = 'N',

    /// <summary>D: a date, DDMMYYYY.</summary>
    Date = 'D',

    /// <summary>T: a time, hhmmss.</summary>
    Time = 'T',

    /// <summary>P: a phone number.</summary>
    PhoneNumber = 'P',

    /// <summary>I: an IP address.</summary>
    IpAddress = 'I',
}
