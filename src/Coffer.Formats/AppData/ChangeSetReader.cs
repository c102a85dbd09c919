using System.Buffers.Binary;
using System.Text;

namespace Coffer.Formats.AppData;

/// <summary>Reads what <see cref="ChangeSetWriter"/> wrote; anything short or out of range is a <see cref="PimFormatException"/>.</summary>
internal sealed class ChangeSetReader(byte[] data)
{
    private int at;

    public byte Byte()
    {
        Need(1);
        return data[at++];
    }

    public byte[] Bytes(int count)
    {
        Need(count);
        var bytes = data.AsSpan(at, count).ToArray();
        at += count;
        return bytes;
    }

    public ulong Varint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = Byte();
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new PimFormatException($"change set: varint too long at byte {at}");
    }

    public long Long() => (long)Varint();

    public long Signed()
    {
        var v = Varint();
        return (long)(v >> 1) ^ -(long)(v & 1);
    }

    /// <summary>A count, which can never exceed the bytes left (every counted thing takes at least one).</summary>
    public int Count()
    {
        var n = Varint();
        if (n > (ulong)(data.Length - at))
        {
            throw new PimFormatException($"change set: count {n} beyond its end at byte {at}");
        }

        return (int)n;
    }

    public string Text()
    {
        var n = Count();
        var text = Encoding.UTF8.GetString(data, at, n);
        at += n;
        return text;
    }

    public object? Value()
    {
        var tag = Byte();
        switch (tag)
        {
            case 0:
                return null;
            case 1:
                return Signed();
            case 2:
                Need(8);
                var d = BinaryPrimitives.ReadDoubleLittleEndian(data.AsSpan(at, 8));
                at += 8;
                return d;
            case 3:
                return Text();
            case 4:
                return Bytes(Count());
            default:
                throw new PimFormatException($"change set: unknown value tag {tag} at byte {at - 1}");
        }
    }

    public void End()
    {
        if (at != data.Length)
        {
            throw new PimFormatException($"change set: {data.Length - at} bytes after its end");
        }
    }

    private void Need(int count)
    {
        if (count < 0 || data.Length - at < count)
        {
            throw new PimFormatException($"change set truncated at byte {at}");
        }
    }
}
