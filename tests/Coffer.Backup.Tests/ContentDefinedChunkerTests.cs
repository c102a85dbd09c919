using System.Security.Cryptography;
using Coffer.Formats.Chunking;

namespace Coffer.Backup.Tests;

/// <summary>FastCDC boundaries: whole coverage, size bounds, and chunks that survive an insert before them.</summary>
public sealed class ContentDefinedChunkerTests
{
    private static readonly byte[] Seed = "test seed"u8.ToArray();

    [Fact]
    public void Chunks_cover_the_input_in_order_within_the_size_bounds_near_the_average()
    {
        var chunker = new ContentDefinedChunker(Seed, 16 * 1024);
        var data = Random(4 * 1024 * 1024, 1);

        var spans = Split(chunker, data);

        spans[0].Offset.ShouldBe(0);
        for (var i = 1; i < spans.Count; i++)
        {
            spans[i].Offset.ShouldBe(spans[i - 1].Offset + spans[i - 1].Length);
        }

        (spans[^1].Offset + spans[^1].Length).ShouldBe(data.Length);
        spans.SkipLast(1).ShouldAllBe(s => s.Length >= chunker.MinSize && s.Length <= chunker.MaxSize);
        var average = data.Length / (double)spans.Count;
        average.ShouldBeInRange(chunker.AverageSize / 2.0, chunker.AverageSize * 2.0);
    }

    [Fact]
    public void An_insert_changes_only_the_chunks_around_it_where_fixed_chunks_would_all_shift()
    {
        var chunker = new ContentDefinedChunker(Seed, 16 * 1024);
        var before = Random(2 * 1024 * 1024, 2);
        var insertAt = 700_001;
        var after = before[..insertAt].Concat(Random(37, 3)).Concat(before[insertAt..]).ToArray();

        var old = Hashes(before, Split(chunker, before));
        var changed = Hashes(after, Split(chunker, after));

        var kept = changed.Count(old.Contains);
        changed.Count.ShouldBeGreaterThan(60);
        (changed.Count - kept).ShouldBeLessThanOrEqualTo(3, $"{changed.Count - kept} of {changed.Count} chunks are new after one insert");

        // The same data in fixed 16 KiB chunks: everything after the insert is new.
        var fixedOld = Hashes(before, Fixed(before.Length, 16 * 1024));
        var fixedNew = Hashes(after, Fixed(after.Length, 16 * 1024));
        fixedNew.Count(fixedOld.Contains).ShouldBeLessThanOrEqualTo(insertAt / (16 * 1024));
    }

    [Fact]
    public void Boundaries_depend_on_the_seed_and_the_content_only()
    {
        var data = Random(1024 * 1024, 4);
        var spans = Split(new ContentDefinedChunker(Seed, 8 * 1024), data);

        Split(new ContentDefinedChunker(Seed, 8 * 1024), data).ShouldBe(spans);
        Split(new ContentDefinedChunker("another seed"u8, 8 * 1024), data).ShouldNotBe(spans);

        // Read in dribbles (a pipe, a network stream): the same cuts.
        Split(new ContentDefinedChunker(Seed, 8 * 1024), data, new Dribble(data)).ShouldBe(spans);
    }

    [Fact]
    public void Runs_of_one_byte_stay_within_the_bounds_and_a_short_input_is_one_chunk()
    {
        var chunker = new ContentDefinedChunker(Seed, 4 * 1024);
        var zeros = Split(chunker, new byte[100_000]);
        zeros.Sum(s => s.Length).ShouldBe(100_000);
        zeros.SkipLast(1).ShouldAllBe(s => s.Length >= chunker.MinSize && s.Length <= chunker.MaxSize);
        Split(chunker, new byte[1000]).ShouldBe([(0L, 1000)]);
        Split(chunker, []).ShouldBeEmpty();
        Should.Throw<ArgumentOutOfRangeException>(() => new ContentDefinedChunker(Seed, 3000));
    }

    private static List<(long Offset, int Length)> Split(ContentDefinedChunker chunker, byte[] data, Stream? stream = null)
    {
        using var input = stream ?? new MemoryStream(data);
        return chunker.Split(input).ToList();
    }

    private static IEnumerable<(long Offset, int Length)> Fixed(int length, int size) =>
        Enumerable.Range(0, (length + size - 1) / size).Select(i => ((long)i * size, Math.Min(size, length - (i * size))));

    private static List<string> Hashes(byte[] data, IEnumerable<(long Offset, int Length)> spans) =>
        spans.Select(s => Convert.ToHexString(SHA256.HashData(data.AsSpan((int)s.Offset, s.Length)))).ToList();

    private static byte[] Random(int length, int seed)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }

    /// <summary>A stream that returns at most 1,000 bytes per read.</summary>
    private sealed class Dribble(byte[] data) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1000));
    }
}
