namespace Coffer.SyncML.Wbxml;

/// <summary>
/// Bounds-checked cursor over WBXML bytes. Every failure is a <see cref="SyncMLFormatException"/> carrying the
/// absolute byte offset (the offset of a nested document is added to its base).
/// </summary>
internal ref struct WbxmlReader
{
    private readonly ReadOnlySpan<byte> data;
    private readonly long baseOffset;

    public WbxmlReader(ReadOnlySpan<byte> data, long baseOffset)
    {
        this.data = data;
        this.baseOffset = baseOffset;
        Offset = 0;
    }

    /// <summary>Offset within this document.</summary>
    public int Offset { get; private set; }

    public readonly long Absolute => baseOffset + Offset;

    public readonly long BaseOffset => baseOffset;

    public readonly bool AtEnd => Offset >= data.Length;

    public readonly int Remaining => data.Length - Offset;

    public readonly ReadOnlySpan<byte> Data => data;

    /// <summary>Moves back to an offset already read (to re-read a token).</summary>
    public void Seek(int offset) => Offset = Math.Clamp(offset, 0, data.Length);

    public readonly byte Peek(string what)
    {
        if (Offset >= data.Length)
        {
            throw Fail($"truncated: expected {what}");
        }

        return data[Offset];
    }

    public byte ReadByte(string what)
    {
        var b = Peek(what);
        Offset++;
        return b;
    }

    /// <summary>mb_u_int32: big-endian 7-bit groups, high bit = continuation, at most 32 bits (WAP-192-WBXML §5.1).</summary>
    public uint ReadMbUInt32(string what)
    {
        var start = Offset;
        ulong value = 0;
        for (var i = 0; i < 5; i++)
        {
            var b = ReadByte(what);
            value = (value << 7) | (uint)(b & 0x7F);
            if ((b & 0x80) == 0)
            {
                if (value > uint.MaxValue)
                {
                    throw Fail($"{what}: mb_u_int32 exceeds 32 bits", start);
                }

                return (uint)value;
            }
        }

        throw Fail($"{what}: mb_u_int32 longer than 5 bytes", start);
    }

    /// <summary>A length read as mb_u_int32 that must fit in what is left of the input.</summary>
    public int ReadLength(string what)
    {
        var start = Offset;
        var length = ReadMbUInt32(what);
        if (length > (uint)Remaining)
        {
            throw Fail($"truncated: {what} of {length} bytes, only {Remaining} left", start);
        }

        return (int)length;
    }

    public ReadOnlySpan<byte> ReadBytes(int count, string what)
    {
        if (count < 0 || count > Remaining)
        {
            throw Fail($"truncated: expected {count} bytes of {what}");
        }

        var span = data.Slice(Offset, count);
        Offset += count;
        return span;
    }

    /// <summary>termstr: bytes up to a NUL, which is consumed (WAP-192-WBXML §5.8.4.1, single-byte-NUL charsets only).</summary>
    public ReadOnlySpan<byte> ReadTermString(string what)
    {
        var rest = data[Offset..];
        var nul = rest.IndexOf((byte)0);
        if (nul < 0)
        {
            throw Fail($"truncated: {what} has no terminating NUL");
        }

        Offset += nul + 1;
        return rest[..nul];
    }

    public readonly SyncMLFormatException Fail(string message, int? at = null) =>
        new("WBXML: " + message) { Position = baseOffset + (at ?? Offset) };

    /// <summary>A resource limit was reached (<see cref="SyncMLFormatException.LimitExceeded"/>).</summary>
    public readonly SyncMLFormatException Limit(string message, int? at = null) =>
        new("WBXML: " + message) { Position = baseOffset + (at ?? Offset), LimitExceeded = true };
}
