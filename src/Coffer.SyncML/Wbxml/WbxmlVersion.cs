namespace Coffer.SyncML.Wbxml;

/// <summary>The WBXML version byte written in the header (WAP-192-WBXML §5.4: major-1 in the high nibble).</summary>
public enum WbxmlVersion : byte
{
    V1_1 = 0x01,
    V1_2 = 0x02,
    V1_3 = 0x03,
}
