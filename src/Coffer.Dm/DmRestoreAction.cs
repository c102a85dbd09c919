namespace Coffer.Dm;

/// <summary>The command a restore step is sent as.</summary>
public enum DmRestoreAction
{
    Add,
    Replace,
    Exec,
}
