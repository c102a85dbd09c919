namespace Coffer.Server.Web;

/// <summary>Coffer:Storage:ReadYourWritesSeconds: how long after a write a client's reads stay on the primary.</summary>
public sealed record ReplicaReadOptions
{
    public const string ReadYourWritesKey = "Coffer:Storage:ReadYourWritesSeconds";

    public TimeSpan ReadYourWrites { get; init; } = TimeSpan.FromSeconds(10);
}
