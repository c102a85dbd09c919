namespace Coffer.Agent.Dm;

/// <summary>The commands an ACL grants (OMA-TS-DM_TND-V1_2 §7.7.1: Add, Delete, Exec, Get, Replace).</summary>
public enum DmOperation
{
    Add,
    Delete,
    Exec,
    Get,
    Replace,
}
