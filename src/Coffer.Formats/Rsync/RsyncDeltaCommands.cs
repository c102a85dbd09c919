using System.Buffers.Binary;

namespace Coffer.Formats.Rsync;

/// <summary>
/// The command bytes of a librsync delta (prototab.h) and their encoding. After the magic, each command is one byte:
/// <c>0x00</c> END; <c>0x01</c>–<c>0x40</c> a literal of that many bytes, which follow; <c>0x41</c>–<c>0x44</c> a
/// literal whose length follows as a 1, 2, 4 or 8-byte big-endian integer; <c>0x45</c>–<c>0x54</c> COPY, whose
/// basis offset and length follow as big-endian integers of 1, 2, 4 or 8 bytes each
/// (<c>0x45 + 4 * offsetWidthIndex + lengthWidthIndex</c>). Integers take the fewest bytes that hold them
/// (netint.c <c>rs_int_len</c>).
/// </summary>
public static class RsyncDeltaCommands
{
    /// <summary>The end of the commands.</summary>
    public const byte End = 0x00;

    /// <summary>The longest literal whose length is the command byte itself.</summary>
    public const byte ImmediateLiteralMax = 0x40;

    /// <summary>A literal with a 1-byte length; 0x42, 0x43, 0x44 take 2, 4 and 8 bytes.</summary>
    public const byte LiteralN1 = 0x41;

    /// <summary>A copy with 1-byte offset and length; up to 0x54 (8-byte offset and length).</summary>
    public const byte CopyN1N1 = 0x45;

    /// <summary>The last copy command.</summary>
    public const byte CopyN8N8 = 0x54;

    /// <summary>The bytes an integer takes (1, 2, 4 or 8).</summary>
    public static int IntegerWidth(long value) =>
        value <= 0xff ? 1 : value <= 0xffff ? 2 : value <= 0xffffffffL ? 4 : 8;

    /// <summary>0..3 for widths 1, 2, 4, 8.</summary>
    public static int WidthIndex(int width) => width switch { 1 => 0, 2 => 1, 4 => 2, _ => 3 };

    /// <summary>The width for an index 0..3.</summary>
    public static int WidthOf(int index) => 1 << index;

    /// <summary>Writes the header of a literal of <paramref name="length"/> bytes (the bytes themselves follow).</summary>
    public static int WriteLiteralHeader(Span<byte> destination, long length)
    {
        if (length <= ImmediateLiteralMax)
        {
            destination[0] = (byte)length;
            return 1;
        }

        var width = IntegerWidth(length);
        destination[0] = (byte)(LiteralN1 + WidthIndex(width));
        WriteInteger(destination[1..], length, width);
        return 1 + width;
    }

    /// <summary>Writes a copy of <paramref name="length"/> bytes from <paramref name="offset"/> of the basis.</summary>
    public static int WriteCopy(Span<byte> destination, long offset, long length)
    {
        int offsetWidth = IntegerWidth(offset), lengthWidth = IntegerWidth(length);
        destination[0] = (byte)(CopyN1N1 + (4 * WidthIndex(offsetWidth)) + WidthIndex(lengthWidth));
        WriteInteger(destination[1..], offset, offsetWidth);
        WriteInteger(destination[(1 + offsetWidth)..], length, lengthWidth);
        return 1 + offsetWidth + lengthWidth;
    }

    private static void WriteInteger(Span<byte> destination, long value, int width)
    {
        switch (width)
        {
            case 1:
                destination[0] = (byte)value;
                break;
            case 2:
                BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)value);
                break;
            case 4:
                BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)value);
                break;
            default:
                BinaryPrimitives.WriteInt64BigEndian(destination, value);
                break;
        }
    }

    /// <summary>Reads a big-endian integer of <paramref name="width"/> bytes.</summary>
    public static long ReadInteger(ReadOnlySpan<byte> source, int width) => width switch
    {
        1 => source[0],
        2 => BinaryPrimitives.ReadUInt16BigEndian(source),
        4 => BinaryPrimitives.ReadUInt32BigEndian(source),
        _ => BinaryPrimitives.ReadInt64BigEndian(source),
    };
}
