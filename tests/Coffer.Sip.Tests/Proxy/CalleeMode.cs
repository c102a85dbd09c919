namespace Coffer.Sip.Tests.Proxy;

/// <summary>What the called device does with an INVITE whose offer it accepts.</summary>
public enum CalleeMode
{
    /// <summary>180 Ringing, then 200 OK with its answer.</summary>
    Answer,

    /// <summary>486 Busy Here.</summary>
    Busy,

    /// <summary>180 Ringing, then nothing until a CANCEL (answered with 487).</summary>
    Ring,
}
