namespace Coffer.Agent.Dm;

/// <summary>
/// The tree's writes to the profile folder: each file written to a temporary name and renamed over the old one (a
/// crash leaves the old file or the new, never half of one). While a transaction is open (an Atomic,
/// OMA-TS-DM_Protocol-V1_2 §6.6.3) the first touch of each file keeps what it held, so a rollback puts every file
/// back as it was.
/// </summary>
public sealed class DmFileJournal
{
    private Dictionary<string, byte[]?>? before;

    public bool InTransaction => before != null;

    public void Begin() => before = new Dictionary<string, byte[]?>(StringComparer.Ordinal);

    public void Commit() => before = null;

    /// <summary>Puts back every file the transaction touched (deleting those it created).</summary>
    public void Rollback()
    {
        var saved = before ?? throw new InvalidOperationException("no transaction");
        before = null;
        foreach (var (path, content) in saved)
        {
            if (content == null)
            {
                File.Delete(path);
            }
            else
            {
                Write(path, content);
            }
        }
    }

    public void Write(string path, byte[] content)
    {
        Remember(path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = Path.Combine(Path.GetDirectoryName(path)!, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        File.WriteAllBytes(temp, content);
        File.Move(temp, path, overwrite: true);
    }

    public void Delete(string path)
    {
        Remember(path);
        File.Delete(path);
    }

    private void Remember(string path)
    {
        if (before != null && !before.ContainsKey(path))
        {
            before[path] = File.Exists(path) ? File.ReadAllBytes(path) : null;
        }
    }
}
