using System.Buffers.Binary;

namespace Coffer.Formats.Rsync;

/// <summary>
/// Applies a librsync delta (<see cref="RsyncDeltaCommands"/>) to a seekable basis, writing the new file as it reads
/// the delta; literals and copies pass through a 64 KiB buffer, so neither file is ever held whole. Refuses
/// (<see cref="PimFormatException"/>) a wrong magic, an unknown command, a copy outside the basis, a delta that
/// stops before its END, and bytes after it.
/// </summary>
public static class RsyncPatcher
{
    private const int CopyBufferLength = 64 * 1024;

    /// <summary>Writes the new file to <paramref name="output"/> and returns its length.</summary>
    public static long Apply(Stream basis, Stream delta, Stream output)
    {
        if (!basis.CanSeek)
        {
            throw new ArgumentException("The basis must be seekable.", nameof(basis));
        }

        var buffer = new byte[CopyBufferLength];
        ReadExactly(delta, buffer.AsSpan(0, 4), "its magic");
        var magic = BinaryPrimitives.ReadUInt32BigEndian(buffer);
        if (magic != (uint)RsyncMagic.Delta)
        {
            throw new PimFormatException($"rsync delta: magic 0x{magic:x8}, not 0x{(uint)RsyncMagic.Delta:x8}.");
        }

        var basisLength = basis.Length;
        long written = 0;
        while (true)
        {
            var command = ReadByte(delta);
            if (command == RsyncDeltaCommands.End)
            {
                break;
            }

            if (command <= RsyncDeltaCommands.ImmediateLiteralMax)
            {
                CopyLiteral(delta, output, command, buffer);
                written += command;
            }
            else if (command < RsyncDeltaCommands.CopyN1N1)
            {
                var length = ReadInteger(delta, RsyncDeltaCommands.WidthOf(command - RsyncDeltaCommands.LiteralN1), buffer);
                if (length <= 0)
                {
                    throw new PimFormatException($"rsync delta: literal of {length} bytes.");
                }

                CopyLiteral(delta, output, length, buffer);
                written += length;
            }
            else if (command <= RsyncDeltaCommands.CopyN8N8)
            {
                var index = command - RsyncDeltaCommands.CopyN1N1;
                var offset = ReadInteger(delta, RsyncDeltaCommands.WidthOf(index / 4), buffer);
                var length = ReadInteger(delta, RsyncDeltaCommands.WidthOf(index % 4), buffer);
                if (offset < 0 || length <= 0 || offset > basisLength - length)
                {
                    throw new PimFormatException(
                        $"rsync delta: copy of {length} bytes at {offset}, outside the basis of {basisLength} bytes.");
                }

                CopyFromBasis(basis, output, offset, length, buffer);
                written += length;
            }
            else
            {
                throw new PimFormatException($"rsync delta: unknown command 0x{command:x2}.");
            }
        }

        if (delta.Read(buffer, 0, 1) != 0)
        {
            throw new PimFormatException("rsync delta: bytes after the END command.");
        }

        return written;
    }

    private static void CopyLiteral(Stream delta, Stream output, long length, byte[] buffer)
    {
        while (length > 0)
        {
            var chunk = (int)Math.Min(length, buffer.Length);
            ReadExactly(delta, buffer.AsSpan(0, chunk), "a literal");
            output.Write(buffer, 0, chunk);
            length -= chunk;
        }
    }

    private static void CopyFromBasis(Stream basis, Stream output, long offset, long length, byte[] buffer)
    {
        basis.Position = offset;
        while (length > 0)
        {
            var chunk = (int)Math.Min(length, buffer.Length);
            basis.ReadExactly(buffer, 0, chunk);
            output.Write(buffer, 0, chunk);
            length -= chunk;
        }
    }

    private static byte ReadByte(Stream delta)
    {
        var b = delta.ReadByte();
        return b < 0 ? throw new PimFormatException("rsync delta: ends before its END command.") : (byte)b;
    }

    private static long ReadInteger(Stream delta, int width, byte[] buffer)
    {
        ReadExactly(delta, buffer.AsSpan(0, width), "a command's integer");
        return RsyncDeltaCommands.ReadInteger(buffer, width);
    }

    private static void ReadExactly(Stream delta, Span<byte> destination, string what)
    {
        if (delta.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false) < destination.Length)
        {
            throw new PimFormatException($"rsync delta: ends inside {what}.");
        }
    }
}
