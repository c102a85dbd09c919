using System.Text;

namespace Coffer.Sync.Engine;

/// <summary>Where a large object's text may be cut into chunks (OMA-TS-DS_Protocol-V1_2 §6.10).</summary>
internal static class ChunkBoundaries
{
    /// <summary>
    /// Moves a chunk's end back so that neither this chunk ends nor the next one starts with whitespace: SyncEvolution
    /// (Synthesis) trims the text of each Data element, so a chunk edge on a CR, LF or a folded line's leading space
    /// loses bytes and the object fails its Size check (424). Unchanged when there is no such split point.
    /// </summary>
    public static int AvoidWhitespaceEdge(string s, int offset, int take)
    {
        var end = offset + take;
        if (end >= s.Length)
        {
            return take;
        }

        var split = end;
        while (split > offset + 1 && (char.IsWhiteSpace(s[split - 1]) || char.IsWhiteSpace(s[split]) || char.IsLowSurrogate(s[split])))
        {
            split--;
        }

        return split > offset + 1 ? split - offset : take;
    }

    /// <summary>How many chars from <paramref name="offset"/> fit in <paramref name="maxBytes"/> UTF-8 bytes, never splitting a surrogate pair.</summary>
    public static int TakeBytes(string s, int offset, int maxBytes)
    {
        var bytes = 0;
        var i = offset;
        while (i < s.Length)
        {
            var width = char.IsHighSurrogate(s[i]) && i + 1 < s.Length ? 2 : 1;
            var b = Encoding.UTF8.GetByteCount(s.AsSpan(i, width));
            if (bytes + b > maxBytes && i > offset)
            {
                break;
            }

            bytes += b;
            i += width;
        }

        return i - offset;
    }

    /// <summary>How many b64 characters fit in <paramref name="room"/>: whole 4-character groups, so each chunk decodes on its own.</summary>
    public static int TakeBase64(int available, int room) => Math.Min(available, Math.Max(4, room / 4 * 4));
}
