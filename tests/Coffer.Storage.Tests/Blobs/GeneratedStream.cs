using System.Security.Cryptography;

namespace Coffer.Storage.Tests.Blobs;

/// <summary>
/// Pseudo-random content of a given length, generated as it is read (never held whole), hashed on the way, and with
/// the live managed memory sampled every 8 MiB: what a consumer holds while it reads.
/// </summary>
internal sealed class GeneratedStream(long length, int seed) : Stream
{
    private const long SampleEvery = 8L << 20;

    private readonly Random random = new(seed);
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly List<long> samples = [];
    private long position;
    private byte[]? digest;

    public byte[] Hash => digest ??= hash.GetHashAndReset();

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => position;
        set => throw new NotSupportedException();
    }

    /// <summary>The largest live managed memory seen above <paramref name="baseline"/>.</summary>
    public long PeakLive(long baseline) => samples.Count == 0 ? 0 : samples.Max() - baseline;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = (int)Math.Min(buffer.Length, length - position);
        if (n <= 0)
        {
            return 0;
        }

        random.NextBytes(buffer[..n]);
        hash.AppendData(buffer[..n]);
        if (position / SampleEvery != (position + n) / SampleEvery)
        {
            samples.Add(GC.GetTotalMemory(forceFullCollection: true));
        }

        position += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            hash.Dispose();
        }

        base.Dispose(disposing);
    }
}
