namespace Coffer.Formats.Tests.Rsync;

/// <summary>Basis and new files for the rsync tests: random bytes from fixed seeds, then edited.</summary>
internal static class RsyncSamples
{
    public static byte[] Random(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>About <paramref name="percent"/> % of the bytes overwritten, in runs of 64 spread over the file.</summary>
    public static byte[] Scattered(byte[] basis, double percent, int seed)
    {
        var result = (byte[])basis.Clone();
        var random = new Random(seed);
        var runs = (int)(basis.Length * percent / 100 / 64);
        for (var i = 0; i < runs; i++)
        {
            var at = random.Next(0, Math.Max(1, basis.Length - 64));
            random.NextBytes(result.AsSpan(at, Math.Min(64, basis.Length - at)));
        }

        return result;
    }

    /// <summary>Bytes inserted near the start and deleted in the middle: everything after shifts.</summary>
    public static byte[] Shifted(byte[] basis, int seed)
    {
        var random = new Random(seed);
        var inserted = Random(37, seed + 1);
        var insertAt = Math.Min(100, basis.Length);
        var deleteAt = basis.Length / 2;
        var deleteLength = Math.Min(1001, basis.Length - deleteAt);
        var result = new List<byte>(basis.Length + inserted.Length);
        result.AddRange(basis.AsSpan(0, insertAt));
        result.AddRange(inserted);
        result.AddRange(basis.AsSpan(insertAt, deleteAt - insertAt));
        result.AddRange(basis.AsSpan(deleteAt + deleteLength));
        result.Add((byte)random.Next(256));
        return [.. result];
    }
}
