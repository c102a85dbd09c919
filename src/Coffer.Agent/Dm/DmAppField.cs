namespace Coffer.Agent.Dm;

/// <summary>The leaves of one app under ./Coffer/Backup/Apps/ID.</summary>
public enum DmAppField
{
    Name,
    Version,
    ModelSpecific,
    PackageName,
    Package,
}
