namespace Coffer.Storage;

/// <summary>
/// The HTTP push channel's waiting packages (docs/notifications.md), one per device and kind at most, in the store so that a
/// package posted on one node is fetched by a device long-polling another (docs/operations.md, "Several nodes").
/// </summary>
public interface IPushPackageRepository
{
    /// <summary>Leaves a DS <paramref name="package"/> for the device, replacing a DS package still waiting (it asked for no more).</summary>
    Task PutAsync(long deviceRowId, byte[] package, CancellationToken cancellationToken = default);

    /// <summary>Leaves <paramref name="package"/> of <paramref name="kind"/> for the device, replacing one of that kind still waiting.</summary>
    Task PutAsync(long deviceRowId, PushPackageKind kind, byte[] package, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes the device's oldest waiting package of any kind (it is gone afterwards, so exactly one poll gets it); null
    /// when none waits.
    /// </summary>
    Task<PushPackage?> TakeAsync(long deviceRowId, CancellationToken cancellationToken = default);

    /// <summary>Whether a package waits for the device.</summary>
    Task<bool> IsWaitingAsync(long deviceRowId, CancellationToken cancellationToken = default);
}
