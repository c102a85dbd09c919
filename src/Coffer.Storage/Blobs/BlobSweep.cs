namespace Coffer.Storage;

/// <summary>
/// Deletes a user's chunks that no item version refers to any more (history pruned, user's items gone) and that were
/// neither written nor reused since <c>usedBefore</c>: an upload in progress holds chunks no version names yet, and
/// touches every chunk it reuses, so a cutoff older than a session's lifetime never takes one of them.
/// </summary>
public static class BlobSweep
{
    private const int PageSize = 1000;

    /// <summary>Returns how many chunks went.</summary>
    public static async Task<int> RunAsync(IUnitOfWork uow, long userId, DateTimeOffset usedBefore, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(uow);
        if ((await uow.BlobChunks.ListAsync(userId, null, 1, ct).ConfigureAwait(false)).Count == 0)
        {
            return 0;
        }

        var referenced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var reference in await BlobReferences.ListAsync(uow, userId, ct).ConfigureAwait(false))
        {
            referenced.UnionWith(reference.Manifest.Chunks.Select(Convert.ToHexStringLower));
        }

        var deleted = 0;
        for (byte[]? after = null; ;)
        {
            var page = await uow.BlobChunks.ListAsync(userId, after, PageSize, ct).ConfigureAwait(false);
            if (page.Count == 0)
            {
                return deleted;
            }

            var unreferenced = page.Where(c => c.LastUsed < usedBefore && !referenced.Contains(Convert.ToHexStringLower(c.Name))).Select(c => c.Name).ToList();
            if (unreferenced.Count > 0)
            {
                deleted += await uow.BlobChunks.DeleteAsync(userId, unreferenced, ct).ConfigureAwait(false);
            }

            after = page[^1].Name;
        }
    }
}
