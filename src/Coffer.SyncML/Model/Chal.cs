namespace Coffer.SyncML;

/// <summary>
/// An authentication challenge in a Status (OMA-TS-SyncML_RepPro-V1_2, element Chal): its Meta gives the
/// required Type, Format and, for MD5, the NextNonce.
/// </summary>
public sealed class Chal
{
    public MetInf? Meta { get; set; }
}
