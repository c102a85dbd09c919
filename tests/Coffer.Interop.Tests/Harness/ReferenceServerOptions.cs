namespace Coffer.Interop.Tests.Harness;

/// <summary>How a <see cref="ReferenceServer"/> is started.</summary>
public sealed record ReferenceServerOptions
{
    /// <summary>Port the HTTP server binds on 127.0.0.1; 0 picks a free one.</summary>
    public int ListenPort { get; init; }

    /// <summary>
    /// Port in the URL the server is started with, and so in the RespURI it hands out (OMA-TS-DS_Protocol-V1_2 §5.1
    /// RespURI); set it to a <see cref="FaultProxy"/>'s port so every later message also passes the proxy.
    /// Defaults to the listen port.
    /// </summary>
    public int? AdvertisedPort { get; init; }

    /// <summary>URL path of the SyncML endpoint.</summary>
    public string Path { get; init; } = "syncevolution";

    /// <summary>Private root for its HOME/XDG dirs, D-Bus socket, logs and databases; a new temp folder when null.</summary>
    public string? Root { get; init; }

    /// <summary>How long start-up may take.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(20);
}
