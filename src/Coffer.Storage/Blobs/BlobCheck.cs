using System.Security.Cryptography;

namespace Coffer.Storage;

/// <summary>
/// The blob store's part of <c>coffer check</c>, per user: every chunk decrypts under its user and name and hashes to
/// its name under the user's blob-name key, with the size recorded; every manifest an item version holds is whole
/// and names only chunks the user holds. Changes nothing.
/// </summary>
public static class BlobCheck
{
    private const int PageSize = 200;

    /// <summary>Adds what is wrong to <paramref name="problems"/>; returns how many chunks were read back.</summary>
    public static async Task<long> RunAsync(IUnitOfWork uow, UserAccount user, List<IntegrityProblem> problems, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(uow);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(problems);
        var where = $"user {user.Name} blobs";
        var held = new HashSet<string>(StringComparer.Ordinal);
        var read = 0L;
        byte[]? key = null;
        for (byte[]? after = null; ;)
        {
            var page = await uow.BlobChunks.ListAsync(user.Id, after, PageSize, ct).ConfigureAwait(false);
            if (page.Count == 0)
            {
                break;
            }

            if (key == null)
            {
                try
                {
                    var sealedKey = await uow.BlobChunks.GetNameKeyAsync(user.Id, ct).ConfigureAwait(false);
                    key = sealedKey == null ? [] : uow.Payloads.Decode(sealedKey, new PayloadContext(user.Id, "blob-name-key", 0, PayloadKind.BlobNameKey));
                }
                catch (StorageException e)
                {
                    problems.Add(new IntegrityProblem(where, "blob-name key unreadable: " + e.Message));
                    key = [];
                }

                if (key.Length == 0)
                {
                    problems.Add(new IntegrityProblem(where, "chunks stored but no readable blob-name key"));
                }
            }

            foreach (var info in page)
            {
                var hex = Convert.ToHexStringLower(info.Name);
                held.Add(hex);
                read++;
                try
                {
                    var sealedChunk = await uow.BlobChunks.GetAsync(user.Id, info.Name, ct).ConfigureAwait(false) ?? [];
                    var chunk = uow.Payloads.Decode(sealedChunk, BlobStore.ChunkContext(user.Id, info.Name));
                    if (chunk.Length != info.Size)
                    {
                        problems.Add(new IntegrityProblem($"{where} chunk {hex}", $"holds {chunk.Length} bytes, recorded {info.Size}"));
                    }

                    if (key.Length > 0 && !HMACSHA256.HashData(key, chunk).AsSpan().SequenceEqual(info.Name))
                    {
                        problems.Add(new IntegrityProblem($"{where} chunk {hex}", "content does not hash to its name"));
                    }
                }
                catch (StorageException e)
                {
                    problems.Add(new IntegrityProblem($"{where} chunk {hex}", e.Message));
                }
            }

            after = page[^1].Name;
        }

        try
        {
            foreach (var reference in await BlobReferences.ListAsync(uow, user.Id, ct).ConfigureAwait(false))
            {
                var missing = reference.Manifest.Chunks.Select(Convert.ToHexStringLower).Where(n => !held.Contains(n)).Distinct(StringComparer.Ordinal).ToList();
                if (missing.Count > 0)
                {
                    problems.Add(new IntegrityProblem($"{where} item {reference.ItemId} version {reference.Version}", $"refers to {missing.Count} missing chunk(s), e.g. {missing[0]}"));
                }
            }
        }
        catch (StorageException e)
        {
            problems.Add(new IntegrityProblem(where, "manifests not checked past an unreadable one: " + e.Message));
        }

        return read;
    }
}
