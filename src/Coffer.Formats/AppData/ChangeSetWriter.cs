using System.Buffers.Binary;
using System.Text;

namespace Coffer.Formats.AppData;

/// <summary>The primitives of the change-set layout: LEB128 varints, zigzag signed varints, length-prefixed UTF-8 and tagged values.</summary>
internal sealed class ChangeSetWriter(Stream output)
{
    public void Byte(byte value) => output.WriteByte(value);

    public void Bytes(ReadOnlySpan<byte> value) => output.Write(value);

    public void Varint(ulong value)
    {
        while (value >= 0x80)
        {
            output.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        output.WriteByte((byte)value);
    }

    public void Signed(long value) => Varint((ulong)((value << 1) ^ (value >> 63)));

    public void Text(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        Varint((ulong)bytes.Length);
        output.Write(bytes);
    }

    /// <summary>A tag (0 null, 1 integer, 2 real, 3 text, 4 blob) and the value.</summary>
    public void Value(object? value)
    {
        switch (value)
        {
            case null or DBNull:
                Byte(0);
                break;
            case long l:
                Byte(1);
                Signed(l);
                break;
            case int i:
                Byte(1);
                Signed(i);
                break;
            case double d:
                Byte(2);
                Span<byte> bits = stackalloc byte[8];
                BinaryPrimitives.WriteDoubleLittleEndian(bits, d);
                output.Write(bits);
                break;
            case string s:
                Byte(3);
                Text(s);
                break;
            case byte[] b:
                Byte(4);
                Varint((ulong)b.Length);
                output.Write(b);
                break;
            default:
                throw new ArgumentException($"no SQLite storage class for a {value.GetType().Name}", nameof(value));
        }
    }
}
