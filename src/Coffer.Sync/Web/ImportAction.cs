namespace Coffer.Sync.Web;

/// <summary>What an import does with one contact of the file.</summary>
public enum ImportAction
{
    Add,
    Update,
    Skip,
}
