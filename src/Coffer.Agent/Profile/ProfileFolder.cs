using System.Security.Cryptography;
using Coffer.Agent.Sources;

namespace Coffer.Agent.Profile;

/// <summary>
/// The device profile as a datastore: the files of this device's profile folder are items named
/// <c>DEVICE/path</c> (<see cref="ProfileLayout"/>), so each device's profile stays apart in the account's one profile
/// datastore. Private keys under <c>certs/</c> are sealed when read for sending and opened when written back
/// (<see cref="PrivateKeyGuard"/>). Items of other devices (a slow sync sends every item the device lacks) are kept as
/// the server has them, keys sealed, under <paramref name="othersRoot"/>/DEVICE/, never in this device's profile; they
/// are listed too, so the next backup does not take them for deleted.
/// </summary>
public sealed class ProfileFolder(string root, string deviceId, string othersRoot, Func<PrivateKeyGuard> guard) : IItemFolder
{
    private readonly string prefix = ProfileLayout.Segment(deviceId) + "/";
    private readonly FileTreeFolder own = new(root, null, recursive: true);
    private readonly FileTreeFolder others = new(othersRoot, null, recursive: true);

    public string Root => root;

    public IEnumerable<string> List() =>
        own.List().Select(p => prefix + p).Concat(others.List().Where(p => p.Contains('/', StringComparison.Ordinal) && !IsOwn(p)));

    public ItemBody Read(string path)
    {
        if (!IsOwn(path))
        {
            return others.Read(path);
        }

        var local = path[prefix.Length..];

        // Read into memory to seal the key: the body has no file time, so it is hashed (and sealed) at every look.
        return ProfileLayout.Classify(local) == ProfilePart.Certificate
            ? ItemBody.FromBytes(guard().Protect(File.ReadAllBytes(ItemPaths.Full(root, local))))
            : own.Read(local);
    }

    public string Create(string hint, ItemBody content)
    {
        if (IsOwn(hint) && ItemPaths.IsSafe(hint))
        {
            var local = ItemPaths.Free(root, hint[prefix.Length..]);
            WriteOwn(local, content);
            return prefix + local;
        }

        var path = ItemPaths.IsSafe(hint) && hint.Contains('/', StringComparison.Ordinal)
            ? hint
            : "unnamed/" + string.Concat(hint.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
        path = ItemPaths.Free(othersRoot, path);
        others.Write(path, content);
        return path;
    }

    public void Write(string path, ItemBody content)
    {
        if (IsOwn(path))
        {
            WriteOwn(path[prefix.Length..], content);
        }
        else
        {
            others.Write(path, content);
        }
    }

    public void Delete(string path)
    {
        if (IsOwn(path))
        {
            own.Delete(path[prefix.Length..]);
        }
        else
        {
            others.Delete(path);
        }
    }

    private bool IsOwn(string path) => path.StartsWith(prefix, StringComparison.Ordinal);

    private void WriteOwn(string local, ItemBody content)
    {
        if (ProfileLayout.Classify(local) == ProfilePart.Certificate)
        {
            try
            {
                content = ItemBody.FromBytes(guard().Open(content.ReadAll()));
            }
            catch (CryptographicException)
            {
                // Sealed under a password this account no longer has: kept sealed rather than lost.
            }
        }

        own.Write(local, content);
    }
}
