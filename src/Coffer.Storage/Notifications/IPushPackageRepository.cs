namespace Coffer.Storage;

/// <summary>
/// The HTTP push channel's waiting packages (docs/notifications.md), one per device at most, in the store so that a
/// package posted on one node is fetched by a device long-polling another (docs/operations.md, "Several nodes").
/// </summary>
public interface IPushPackageRepository
{
    /// <summary>Leaves <paramref name="package"/> for the device, replacing a package still waiting (it asked for no more).</summary>
    Task PutAsync(long deviceRowId, byte[] package, CancellationToken cancellationToken = default);

    /// <summary>Takes the device's waiting package (it is gone afterwards, so exactly one poll gets it); null when none waits.</summary>
    Task<byte[]?> TakeAsync(long deviceRowId, CancellationToken cancellationToken = default);

    /// <summary>Whether a package waits for the device.</summary>
    Task<bool> IsWaitingAsync(long deviceRowId, CancellationToken cancellationToken = default);
}
