namespace Coffer.Sync.Cluster;

/// <summary>
/// This server process as a lease holder: <c>Coffer:Node:Name</c>, or the host name, the process id and a random
/// suffix, so two processes on one host (or a restarted one) are never taken for each other.
/// </summary>
public sealed record NodeName(string Value)
{
    public static NodeName Create(string? configured) =>
        new(string.IsNullOrWhiteSpace(configured)
            ? $"{Environment.MachineName}/{Environment.ProcessId}/{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4))}"
            : configured.Trim());

    public override string ToString() => Value;
}
