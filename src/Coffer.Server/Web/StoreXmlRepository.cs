using System.Xml.Linq;
using Coffer.Storage;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Coffer.Server.Web;

/// <summary>
/// Keeps the web's data-protection key ring in the store (<see cref="IWebKeyRepository"/>) instead of a node's disk, so
/// a cookie or antiforgery token issued by one node of a cluster opens on every other (docs/web.md). The documents
/// arrive here already encrypted by <see cref="MasterKeyXmlEncryptor"/>. A data directory that still holds the key
/// files of an older version (<c>DATA/web-keys</c>) is imported the first time, so nobody is signed out by the upgrade.
/// The key ring reads rarely (at start and about once a day), so the store is called synchronously here.
/// </summary>
public sealed class StoreXmlRepository(ICofferStore store, string legacyDirectory) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() => Run(async () =>
    {
        await store.InitializeAsync();

        // A key another node created a moment ago must be found, or its cookies would not open here.
        using var primary = ReplicaReads.Primary();
        IReadOnlyList<WebKeyDocument> documents;
        await using (var read = await store.BeginReadAsync())
        {
            documents = await read.WebKeys.ListAsync();
        }

        if (documents.Count == 0 && Directory.Exists(legacyDirectory))
        {
            documents = await ImportAsync();
        }

        return (IReadOnlyCollection<XElement>)[.. documents.Select(d => XElement.Parse(d.Xml))];
    });

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        Run(async () =>
        {
            await store.InitializeAsync();
            await using var uow = await store.BeginAsync();
            await uow.WebKeys.AddAsync(friendlyName, element.ToString(SaveOptions.DisableFormatting));
            await uow.CommitAsync();
            return true;
        });
    }

    private async Task<IReadOnlyList<WebKeyDocument>> ImportAsync()
    {
        var files = Directory.GetFiles(legacyDirectory, "*.xml").Order(StringComparer.Ordinal).ToList();
        await using var uow = await store.BeginAsync();

        // Another node may have imported or created keys meanwhile: only an empty ring takes the files.
        if ((await uow.WebKeys.ListAsync()) is { Count: > 0 } present)
        {
            return present;
        }

        foreach (var file in files)
        {
            var xml = XElement.Load(file).ToString(SaveOptions.DisableFormatting);
            await uow.WebKeys.AddAsync(Path.GetFileNameWithoutExtension(file), xml);
        }

        var imported = await uow.WebKeys.ListAsync();
        await uow.CommitAsync();
        return imported;
    }

    // ASP.NET Core has no synchronization context; Task.Run keeps it that way for any caller.
    private static T Run<T>(Func<Task<T>> work) => Task.Run(work).GetAwaiter().GetResult();
}
