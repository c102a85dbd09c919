namespace Coffer.Storage;

/// <summary>What a waiting push package starts: a DS sync (SAN, OMA-TS-DS_Notification) or a DM session (OMA-TS-DM_Notification). Stored as the number: only append.</summary>
public enum PushPackageKind
{
    Ds = 0,
    Dm = 1,
}
