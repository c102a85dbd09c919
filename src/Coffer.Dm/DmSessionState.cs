namespace Coffer.Dm;

/// <summary>A management session between messages (kept sealed in the store's session row).</summary>
public sealed class DmSessionState
{
    public long UserId { get; set; }

    public long DeviceId { get; set; }

    public string ClientName { get; set; } = string.Empty;

    public string DevId { get; set; } = string.Empty;

    public string ClientSessionId { get; set; } = string.Empty;

    /// <summary>Whether the session authenticates every message both ways with HMAC-MD5 (OMA-TS-DM_Security-V1_2 §5.5.2), as its first message did.</summary>
    public bool Hmac { get; set; }

    public string ServerUrl { get; set; } = string.Empty;

    public string Manufacturer { get; set; } = string.Empty;

    public string Model { get; set; } = string.Empty;

    /// <summary><c>./DevDetail/Ext/Coffer/Connection</c>: unmetered, metered or roaming.</summary>
    public string Connection { get; set; } = string.Empty;

    public long? JobId { get; set; }

    public DmPhase Phase { get; set; }

    public int NextMsgId { get; set; } = 1;

    public int NextCmdId { get; set; } = 1;

    /// <summary>The client's MaxMsgSize (SyncHdr Meta); 0 when it named none.</summary>
    public long ClientMaxMsgSize { get; set; }

    /// <summary>The session began with Alert 1201: the user started it on the device.</summary>
    public bool ClientInitiated { get; set; }

    /// <summary>The backup's name (Alert 1102, or its date).</summary>
    public string Label { get; set; } = string.Empty;

    /// <summary>Paths still to Get (backup walk).</summary>
    public List<string> ToGet { get; set; } = [];

    /// <summary>Commands sent and not yet answered: CmdID → path.</summary>
    public Dictionary<string, string> Outstanding { get; set; } = [];

    /// <summary>The backup so far.</summary>
    public List<DmNode> Nodes { get; set; } = [];

    /// <summary>The large object coming in (OMA-TS-DM_Protocol-V1_2 §8.7): its path, format, type and announced size.</summary>
    public DmNode? Incoming { get; set; }

    public long IncomingSize { get; set; }

    /// <summary>The choices of the restore's Alert 1103, in the order shown.</summary>
    public List<string> Choices { get; set; } = [];

    /// <summary>The restore's remaining commands, in order.</summary>
    public List<DmRestoreStep> Steps { get; set; } = [];

    /// <summary>Bytes of the first step already sent as chunks of a large object.</summary>
    public int StepOffset { get; set; }

    /// <summary>The steps sent and awaiting their Status: CmdID → step.</summary>
    public Dictionary<string, DmRestoreStep> SentSteps { get; set; } = [];

    /// <summary>The Atomics sent and not fully answered: the Atomic's CmdID → its commands and their statuses.</summary>
    public Dictionary<string, DmAtomicGroup> Atomics { get; set; } = [];

    /// <summary>The device answered an Atomic with 406: the rest of the restore goes without Atomics.</summary>
    public bool AtomicRefused { get; set; }

    public List<DmReportEntry> Report { get; set; } = [];
}
