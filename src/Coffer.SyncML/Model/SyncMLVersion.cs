namespace Coffer.SyncML;

/// <summary>
/// The SyncML representation version of a message: the VerDTD of its SyncHdr and the namespace of its elements
/// (OMA-TS-SyncML_RepPro-V1_2, element VerDTD). 1.0 is read because real devices (Sony Ericsson P900) still send it.
/// </summary>
public enum SyncMLVersion
{
    /// <summary>SyncML 1.0: namespace <c>SYNCML:SYNCML1.0</c>, VerDTD 1.0.</summary>
    V1_0,

    /// <summary>SyncML 1.1: namespace <c>SYNCML:SYNCML1.1</c>, VerDTD 1.1.</summary>
    V1_1,

    /// <summary>OMA DS 1.2: namespace <c>SYNCML:SYNCML1.2</c>, VerDTD 1.2.</summary>
    V1_2,
}
