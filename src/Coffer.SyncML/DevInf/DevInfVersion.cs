namespace Coffer.SyncML.DevInf;

/// <summary>
/// The DevInf DTD version written into <c>VerDTD</c>. 1.0 and 1.1 share the flat, DevInf-level
/// <c>CTCap</c> (SyncML DevInf 1.1 DTD); 1.2 nests a structured <c>CTCap</c> in each <c>DataStore</c>
/// (OMA-TS-DS_DevInf-V1_2 §5, element "CTCap").
/// </summary>
public enum DevInfVersion
{
    V10,
    V11,
    V12,
}
