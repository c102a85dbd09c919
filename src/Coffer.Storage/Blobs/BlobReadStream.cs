namespace Coffer.Storage;

/// <summary>A blob's content, read chunk by chunk from its unit of work (one chunk in memory at a time); seekable.</summary>
internal sealed class BlobReadStream(BlobStore store, long userId, BlobManifest manifest) : Stream
{
    private long position;
    private int loadedIndex = -1;
    private byte[] loaded = [];

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => manifest.Size;

    public override long Position
    {
        get => position;
        set => position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (position >= manifest.Size || buffer.Length == 0)
        {
            return 0;
        }

        var index = (int)(position / manifest.ChunkSize);
        if (index != loadedIndex)
        {
            loaded = await store.ReadChunkAsync(userId, manifest, index, cancellationToken).ConfigureAwait(false);
            loadedIndex = index;
        }

        var within = (int)(position - ((long)index * manifest.ChunkSize));
        var count = Math.Min(buffer.Length, loaded.Length - within);
        loaded.AsMemory(within, count).CopyTo(buffer);
        position += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // The repositories are asynchronous; a synchronous reader waits for them.
    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => position + offset,
        SeekOrigin.End => manifest.Size + offset,
        _ => throw new ArgumentOutOfRangeException(nameof(origin)),
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
