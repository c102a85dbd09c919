namespace Coffer.LoadBench.Device;

/// <summary>What the phone announces and uses: its datastore names, content type and message size limit.</summary>
public sealed record PhoneSettings
{
    /// <summary>The server's datastore (Coffer accepts card, contacts, ...).</summary>
    public string ServerDatastore { get; init; } = "contacts";

    /// <summary>The phone's own datastore, its LocURI in Alert, Sync and Map.</summary>
    public string LocalDatastore { get; init; } = "./contacts";

    public string ContentType { get; init; } = "text/x-vcard";

    /// <summary>The largest message the phone sends or accepts; it also sends no more than the server's MaxMsgSize.</summary>
    public long MaxMsgSize { get; init; } = 20_000;

    public long MaxObjSize { get; init; } = 4_000_000;
}
