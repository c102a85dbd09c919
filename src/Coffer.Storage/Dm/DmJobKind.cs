namespace Coffer.Storage;

/// <summary>What a DM job does. Stored as the number: only append.</summary>
public enum DmJobKind
{
    Backup = 0,
    Restore = 1,
}
