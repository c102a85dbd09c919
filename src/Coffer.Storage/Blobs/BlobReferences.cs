namespace Coffer.Storage;

/// <summary>
/// Every item version of a user's binary datastores that holds a manifest, over the whole history (live items,
/// tombstones' earlier versions, versions a storage-area generation keeps): what keeps a chunk alive.
/// </summary>
public static class BlobReferences
{
    private const int PageSize = 500;

    public static async Task<List<BlobReference>> ListAsync(IUnitOfWork uow, long userId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(uow);
        var found = new List<BlobReference>();
        foreach (var datastore in await uow.Datastores.ListAsync(userId, ct).ConfigureAwait(false))
        {
            if (!BlobKinds.Holds(datastore.Kind))
            {
                continue;
            }

            for (var after = 0L; ;)
            {
                var page = await uow.Items.GetChangesSinceAsync(datastore.Id, after, PageSize, null, false, ct).ConfigureAwait(false);
                if (page.Count == 0)
                {
                    break;
                }

                foreach (var item in page)
                {
                    foreach (var version in await uow.Items.GetVersionsAsync(datastore.Id, item.Id, ct).ConfigureAwait(false))
                    {
                        if (version.Content is { } content && BlobManifest.IsManifest(content))
                        {
                            found.Add(new BlobReference(datastore.Id, item.Id, version.Version, BlobManifest.Parse(content)));
                        }
                    }
                }

                after = page[^1].Sequence;
            }
        }

        return found;
    }
}
