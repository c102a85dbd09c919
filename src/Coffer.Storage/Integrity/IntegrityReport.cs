namespace Coffer.Storage;

/// <summary>What <see cref="ICofferStore.CheckIntegrityAsync"/> looked at and what it found wrong.</summary>
/// <param name="Items">Items (live and deleted) checked.</param>
/// <param name="Payloads">Stored payloads read back through the payload pipeline: every version of every item and every sealed payload outside the items (<see cref="SealedSecretRows"/>).</param>
public sealed record IntegrityReport(long Users, long Items, long Payloads, IReadOnlyList<IntegrityProblem> Problems)
{
    public bool Ok => Problems.Count == 0;
}
