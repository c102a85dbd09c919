namespace Coffer.Agent.Dm;

/// <summary>The value of a Get still to be sent in Results; sent whole, or in chunks when larger than a message allows (OMA-TS-DM_Protocol-V1_2 §7 "Large Object").</summary>
public sealed class DmPendingResult(string msgRef, string cmdRef, string uri, DmNodeData data)
{
    public string MsgRef => msgRef;

    public string CmdRef => cmdRef;

    public string Uri => uri;

    public DmNodeData Data => data;

    /// <summary>The bytes already sent.</summary>
    public int Offset { get; set; }
}
