using System.Globalization;

namespace Coffer.LoadBench.Load;

/// <summary>The local changes a phone makes before each two-way sync: edits, new contacts and deletions.</summary>
public sealed record ChangeMix(int Replaces, int Adds, int Deletes)
{
    /// <summary>"2,1,1" = 2 Replace, 1 Add, 1 Delete.</summary>
    public static ChangeMix Parse(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 3 || !parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            throw new FormatException($"--changes wants REPLACES,ADDS,DELETES (e.g. 2,1,1), not '{text}'");
        }

        var n = parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return new ChangeMix(n[0], n[1], n[2]);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Replaces} Replace + {Adds} Add + {Deletes} Delete");
}
