using System.Buffers;

namespace Coffer.SyncML.Wbxml;

/// <summary>
/// Bytes in an array rented from the shared pool: a multi-MB message encoded into an array used before, not into a
/// fresh one whose pages the kernel must fault in and clear. Valid until disposed, which returns the array.
/// </summary>
public sealed class RentedBytes : IDisposable
{
    private byte[]? array;

    internal RentedBytes(byte[] array, int length)
    {
        this.array = array;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlyMemory<byte> Memory => array is { } bytes ? bytes.AsMemory(0, Length) : throw new ObjectDisposedException(nameof(RentedBytes));

    public void Dispose()
    {
        if (Interlocked.Exchange(ref array, null) is { } bytes)
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }
}
