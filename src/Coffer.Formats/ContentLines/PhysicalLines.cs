namespace Coffer.Formats.ContentLines;

/// <summary>The physical lines of a text as (start, length) pairs, so reading them copies nothing.</summary>
internal sealed class PhysicalLines(int capacity)
{
    private (int Start, int Length)[] ranges = new (int, int)[capacity];

    public int Count { get; private set; }

    public void Add(int start, int length)
    {
        if (Count == ranges.Length)
        {
            Array.Resize(ref ranges, Count * 2);
        }

        ranges[Count++] = (start, length);
    }

    public ReadOnlySpan<char> Line(string text, int index) => text.AsSpan(ranges[index].Start, ranges[index].Length);
}
