using Coffer.Storage;

namespace Coffer.Sync.Recovery;

/// <summary>
/// What a recovery or a point-in-time restore of one datastore would change, counted before it is done:
/// items brought back (deleted or missing now), items changed back to another version, live items removed, and
/// items left as they are.
/// </summary>
public sealed record RecoveryPlan(DatastoreKind Kind, int Added, int Changed, int Removed, int Unchanged)
{
    public bool ChangesNothing => Added == 0 && Changed == 0 && Removed == 0;
}
