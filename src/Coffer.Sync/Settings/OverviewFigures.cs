using Coffer.Storage;
using Coffer.Sync.Quotas;

namespace Coffer.Sync.Settings;

/// <summary>What the start page shows (<see cref="AccountOverview"/>).</summary>
/// <param name="LastSync">The last successful sync of any device and datastore; null when none completed.</param>
public sealed record OverviewFigures(IReadOnlyList<(DatastoreKind Kind, long Items)> Datastores, DateTimeOffset? LastSync, QuotaReport Quota);
