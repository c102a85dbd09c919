namespace Coffer.Agent.Sources;

/// <summary>What happened to a local item since the last completed session.</summary>
public enum ChangeKind
{
    Add,
    Replace,
    Delete,
}
