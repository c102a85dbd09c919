using System.Text;
using Coffer.Formats;
using Coffer.Storage;
using Coffer.Sync.Content;

namespace Coffer.Sync.Maintenance;

/// <summary>
/// The integrity check behind <c>coffer check</c>: the store's own (<see cref="ICofferStore.CheckIntegrityAsync"/>:
/// orphans, sequences, maps, every payload decoded) and then every live item parsed by the content handler of its
/// datastore, as a sync would read it, and every blob chunk read back and hashed against its name, every manifest's
/// chunks present (<see cref="BlobCheck"/>). Changes nothing.
/// </summary>
public static class StoreCheck
{
    private const int PageSize = 500;

    public static async Task<IntegrityReport> RunAsync(ICofferStore store, ContentHandlers handlers, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(handlers);
        var report = await store.CheckIntegrityAsync(ct).ConfigureAwait(false);
        var problems = report.Problems.ToList();
        var chunks = 0L;
        await using var uow = await store.BeginReadAsync(ct).ConfigureAwait(false);
        foreach (var user in await uow.Users.ListAsync(ct).ConfigureAwait(false))
        {
            foreach (var datastore in await uow.Datastores.ListAsync(user.Id, ct).ConfigureAwait(false))
            {
                await ParseAllAsync(uow, user, datastore, handlers, problems, ct).ConfigureAwait(false);
            }

            chunks += await BlobCheck.RunAsync(uow, user, problems, ct).ConfigureAwait(false);
        }

        return report with { Problems = problems, Payloads = report.Payloads + chunks };
    }

    private static async Task ParseAllAsync(IUnitOfWork uow, UserAccount user, Datastore datastore, ContentHandlers handlers, List<IntegrityProblem> problems, CancellationToken ct)
    {
        var where = $"user {user.Name} {datastore.Kind}";
        try
        {
            for (var after = 0L; ;)
            {
                var page = await uow.Items.ListLiveAsync(datastore.Id, after, PageSize, true, ct).ConfigureAwait(false);
                if (page.Count == 0)
                {
                    return;
                }

                foreach (var item in page)
                {
                    var handler = handlers.For(datastore.Kind, item.ContentType);
                    if (handler is OpaqueContentHandler)
                    {
                        continue;
                    }

                    try
                    {
                        handler.Normalize(Encoding.UTF8.GetString(item.Content ?? []), item.ContentType);
                    }
                    catch (PimFormatException e)
                    {
                        problems.Add(new IntegrityProblem($"{where} item {item.Id}", "does not parse as " + item.ContentType + ": " + e.Message));
                    }
                }

                after = page[^1].Sequence;
            }
        }
        catch (StorageException e)
        {
            // A payload that does not decode is listed by the store's check already; the rest of this datastore is not parsed.
            problems.Add(new IntegrityProblem(where, "items not parsed past an unreadable payload: " + e.Message));
        }
    }
}
