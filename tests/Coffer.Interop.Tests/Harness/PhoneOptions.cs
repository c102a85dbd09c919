namespace Coffer.Interop.Tests.Harness;

/// <summary>Client properties of a <see cref="Phone"/>; defaults suit fast tests.</summary>
public sealed record PhoneOptions
{
    /// <summary>WBXML on the wire (enableWBXML); XML when false.</summary>
    public bool Wbxml { get; init; }

    public ClientAuth Auth { get; init; } = ClientAuth.Basic;

    /// <summary>MaxMsgSize the client announces (OMA-TS-DS_Protocol-V1_2 §5.1 Meta MaxMsgSize).</summary>
    public int MaxMsgSize { get; init; } = 150_000;

    /// <summary>MaxObjSize the client announces; larger items need Large Object handling (§6.11).</summary>
    public int MaxObjSize { get; init; } = 4_000_000;

    /// <summary>When true, one-way/refresh-from-server send Alert 204/205 instead of 200/201.</summary>
    public bool EnableRefreshSync { get; init; }

    /// <summary>
    /// Time from the start of sending a message to its retransmission: the client resends when no reply came
    /// by then, so this is also how long the server may take per message. Short values make lost-message tests
    /// fast but make a slow (loaded) server look lost; message 1 is never resent, so its loss fails the sync.
    /// </summary>
    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the client keeps resending before it gives up.</summary>
    public TimeSpan RetryDuration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>SyncEvolution loglevel; 4 dumps every message as XML into the session folder.</summary>
    public int LogLevel { get; init; } = 3;

    /// <summary>deviceId the client sends (the SyncML Source LocURI); default coffer-test-NAME.</summary>
    public string? DeviceId { get; init; }

    /// <summary>Server datastore names overriding <see cref="DatastoreInfo.DefaultRemoteName"/>.</summary>
    public IReadOnlyDictionary<Datastore, string> RemoteNames { get; init; } = new Dictionary<Datastore, string>();

    /// <summary>Further raw sync properties (name=value) appended to the configuration.</summary>
    public IReadOnlyList<string> ExtraProperties { get; init; } = [];
}
