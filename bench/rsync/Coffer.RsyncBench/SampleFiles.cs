namespace Coffer.RsyncBench;

/// <summary>
/// The benchmark's files: OLD is MIB MiB of random bytes (incompressible, fixed seed); NEW is OLD with 1 % of its
/// bytes overwritten by 100 runs of random bytes evenly spread (scattered, nothing shifts).
/// </summary>
internal static class SampleFiles
{
    public static void Write(string oldPath, string newPath, int mebibytes)
    {
        var length = (long)mebibytes << 20;
        var random = new Random(19);
        var buffer = new byte[1 << 20];
        using (var old = File.Create(oldPath))
        {
            for (long written = 0; written < length; written += buffer.Length)
            {
                random.NextBytes(buffer);
                old.Write(buffer);
            }
        }

        File.Copy(oldPath, newPath, overwrite: true);
        const int Edits = 100;
        var run = new byte[length / 100 / Edits];
        using var edited = new FileStream(newPath, FileMode.Open, FileAccess.Write);
        for (var i = 0; i < Edits; i++)
        {
            random.NextBytes(run);
            edited.Position = (i * (length / Edits)) + random.NextInt64(length / Edits - run.Length);
            edited.Write(run);
        }
    }
}
