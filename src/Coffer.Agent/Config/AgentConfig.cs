namespace Coffer.Agent.Config;

/// <summary>
/// What <c>coffer-agent init</c> records (config.json): the server's sync URL, the account, this device's id, the
/// folder holding the local datastores (contacts/, calendar/, tasks/, notes/), which of them are synced, and the
/// connection's cost with the consent policy for costly transfers.
/// The password is not here but in the credentials file (<see cref="AgentHome"/>).
/// </summary>
public sealed record AgentConfig
{
    public required Uri ServerUrl { get; init; }

    public required string User { get; init; }

    public required string DeviceId { get; init; }

    public required string DataDir { get; init; }

    public List<string> Datastores { get; init; } = [];

    public long MaxMsgSize { get; init; } = 4 * 1024 * 1024;

    /// <summary>
    /// WBXML, as phones send it, keeps CR in item data; over XML the server's replies reach the client with LF line
    /// ends (XML 1.0 §2.11), so text items would not come back byte for byte.
    /// </summary>
    public bool Wbxml { get; init; } = true;

    /// <summary>What this device's connection costs, unless a run says otherwise (<c>--connection</c>).</summary>
    public Consent.ConnectionKind Connection { get; init; } = Consent.ConnectionKind.Unmetered;

    /// <summary>What a run on a metered or roaming connection does when no one answers the prompt (<c>--on-metered</c>).</summary>
    public Consent.MeteredPolicy MeteredPolicy { get; init; } = Consent.MeteredPolicy.Ask;

    /// <summary>The SIP control server of peer mode, HOST:PORT; null: the server URL's host on port 5060 (docs/agent.md "Peer sync").</summary>
    public string? SipServer { get; init; }

    /// <summary>Per-file backup modes of app data files, first match wins (<c>coffer-agent appdata mode</c>).</summary>
    public List<AppData.AppDataModeRule> AppDataModes { get; init; } = [];

    /// <summary>In differential mode, the differentials sent after a full before the next full.</summary>
    public int DifferentialFullEvery { get; init; } = AppData.AppDataModePolicy.DefaultFullEvery;
}
