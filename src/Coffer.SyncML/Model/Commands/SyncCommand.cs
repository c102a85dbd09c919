namespace Coffer.SyncML;

/// <summary>
/// Sync: the changes of one datastore pair (OMA-TS-SyncML_RepPro-V1_2, element Sync; OMA-TS-DS_Protocol-V1_2).
/// Target/Source name the datastores; NumberOfChanges announces how many changes the whole package carries.
/// </summary>
public sealed class SyncCommand : ContainerCommand
{
    public SyncLocation? Target { get; set; }

    public SyncLocation? Source { get; set; }

    /// <summary>NumberOfChanges (a SyncML element here, not MetInf), null when not sent.</summary>
    public long? NumberOfChanges { get; set; }

    public override string ElementName => "Sync";
}
