using System.Security.Cryptography;
using Coffer.Agent.Profile;
using Coffer.Agent.Sources;

namespace Coffer.Agent.Dm;

/// <summary>
/// The profile folder as the tree's nodes see it: files read and written through the journal (atomic, rolled back by
/// an Atomic), private keys of certificates sealed when read and opened when written (as the DS profile does:
/// docs/agent.md "Device profile").
/// </summary>
public sealed class DmProfileFiles(string root, DmFileJournal journal, Func<PrivateKeyGuard> guard)
{
    public string Root => root;

    public DmFileJournal Journal => journal;

    /// <summary>The files under <paramref name="folder"/> (relative to it, '/'-separated, sorted), hidden ones aside.</summary>
    public IEnumerable<string> List(string folder)
    {
        var full = ItemPaths.Full(root, folder);
        if (!Directory.Exists(full))
        {
            return [];
        }

        return Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories)
            .Select(f => ItemPaths.Relative(full, f))
            .Where(ItemPaths.IsSafe)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    public bool Exists(string path) => File.Exists(ItemPaths.Full(root, path));

    public byte[] Read(string path, DmFileKind kind)
    {
        var bytes = File.ReadAllBytes(ItemPaths.Full(root, path));
        return kind == DmFileKind.Certificate ? guard().Protect(bytes) : bytes;
    }

    public void Write(string path, byte[] content, DmFileKind kind)
    {
        if (kind == DmFileKind.Certificate)
        {
            try
            {
                content = guard().Open(content);
            }
            catch (CryptographicException)
            {
                // Sealed under a password this account no longer has: kept sealed rather than lost (as ProfileFolder).
            }
        }

        journal.Write(ItemPaths.Full(root, path), content);
    }

    public void Delete(string path) => journal.Delete(ItemPaths.Full(root, path));
}
