namespace Coffer.Storage;

/// <summary>
/// One transaction. Disposing without <see cref="CommitAsync"/> rolls everything back. Not thread-safe: one
/// unit of work serves one request; run several in parallel for parallel work.
/// </summary>
public interface IUnitOfWork : IAsyncDisposable
{
    IUserRepository Users { get; }

    IDeviceRepository Devices { get; }

    IDatastoreRepository Datastores { get; }

    IItemRepository Items { get; }

    ISyncStateRepository SyncStates { get; }

    IIdMapRepository IdMaps { get; }

    ISessionRepository Sessions { get; }

    IServerSecretRepository Secrets { get; }

    /// <summary>The wrapped data keys (encryption at rest, docs/security.md).</summary>
    IDataKeyRepository DataKeys { get; }

    /// <summary>
    /// The payload pipeline of this unit of work (compress, then encrypt under the user's data key): every blob that
    /// holds user data goes through it before it is stored, and back through it when read.
    /// </summary>
    PayloadProtector Payloads { get; }

    /// <summary>Storage-area generations (seed 000 §5.3).</summary>
    IStorageAreaRepository StorageArea { get; }

    /// <summary>History queries: state at a time, deleted items, retention.</summary>
    IHistoryRepository History { get; }

    /// <summary>The rows of the content-addressed blob store; <see cref="BlobStore"/> is the API over them.</summary>
    IBlobChunkRepository BlobChunks { get; }

    /// <summary>Each user's own settings (the settings page).</summary>
    IUserSettingsRepository Settings { get; }

    /// <summary>Personal API tokens, kept as hashes.</summary>
    IApiTokenRepository ApiTokens { get; }
    /// <summary>What administrators did.</summary>
    IAuditLogRepository AuditLog { get; }

    /// <summary>Per-item backup modes of app data files (which versions retention keeps).</summary>
    IItemModeRepository ItemModes { get; }

    /// <summary>Nightly plans of server-alerted syncs (docs/notifications.md).</summary>
    INotificationPlanRepository Notifications { get; }

    /// <summary>Leases that keep a cluster's singleton jobs on one node at a time.</summary>
    ILeaseRepository Leases { get; }

    /// <summary>The HTTP push channel's packages waiting for their devices' long polls.</summary>
    IPushPackageRepository PushPackages { get; }

    /// <summary>Failed logins, shared by the nodes so that N nodes do not give N times the attempts.</summary>
    ILoginFailureRepository LoginFailures { get; }

    /// <summary>The web's data-protection key ring, shared by every node.</summary>
    IWebKeyRepository WebKeys { get; }

    /// <summary>The SIP digest HA1s of the accounts (docs/sip.md).</summary>
    ISipCredentialRepository SipCredentials { get; }

    /// <summary>The SIP registrar's bindings: which devices are online where (docs/sip.md).</summary>
    ISipBindingRepository SipBindings { get; }

    /// <summary>The devices' OMA DM accounts, secrets sealed (docs/device-management.md).</summary>
    IDmAccountRepository DmAccounts { get; }

    /// <summary>The devices' DM backups (management trees, sealed) and firmware history.</summary>
    IDmSnapshotRepository DmSnapshots { get; }

    /// <summary>DM backup and restore jobs with their consent log.</summary>
    IDmJobRepository DmJobs { get; }

    /// <summary>Makes every change of this unit of work durable at once; the unit of work is finished afterwards.</summary>
    Task CommitAsync(CancellationToken cancellationToken = default);
}
