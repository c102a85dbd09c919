using System.Buffers.Binary;

namespace Coffer.Formats.Rsync;

/// <summary>
/// Writes a librsync delta (<see cref="RsyncMagic.Delta"/>) from a basis's signature and the new file, in one pass
/// over the new file with a window of one block: where the window's weak and strong sums are a basis block's, a
/// COPY of that block (adjacent copies merged); elsewhere the window moves on a byte and the byte joins a LITERAL.
/// At the end of the file the window shrinks from the front, so the basis's shorter last block matches too
/// (as librsync's delta.c does). The new file is read through a buffer of about 1 MiB: never held whole.
/// </summary>
public static class RsyncDeltaWriter
{
    private const int MinimumBufferLength = 1 << 20;

    /// <summary>Writes the delta that turns the signature's basis into <paramref name="newFile"/>.</summary>
    public static RsyncDeltaStatistics Write(RsyncSignature signature, Stream newFile, Stream delta)
    {
        var emitter = new Emitter(delta);
        var blockLength = signature.Format.BlockLength;
        var rabinKarp = signature.Format.RabinKarp;
        var buffer = new byte[Math.Max(MinimumBufferLength, (2 * blockLength) + 1)];
        int filled = 0, position = 0, literalStart = 0;
        var endOfFile = false;
        var sum = default(RollingChecksum);
        var haveSum = false;

        while (true)
        {
            // Rolling needs the window and the byte after it.
            if (filled - position <= blockLength && !endOfFile)
            {
                emitter.Literal(buffer.AsSpan(literalStart, position - literalStart));
                Buffer.BlockCopy(buffer, position, buffer, 0, filled - position);
                filled -= position;
                position = literalStart = 0;
                var read = newFile.ReadAtLeast(buffer.AsSpan(filled), buffer.Length - filled, throwOnEndOfStream: false);
                filled += read;
                endOfFile = filled < buffer.Length;
                continue;
            }

            if (filled - position < blockLength)
            {
                break;
            }

            if (!haveSum)
            {
                sum = new RollingChecksum(rabinKarp);
                sum.Update(buffer.AsSpan(position, blockLength));
                haveSum = true;
            }

            var block = signature.Find(sum.Digest, buffer.AsSpan(position, blockLength));
            if (block >= 0)
            {
                emitter.Literal(buffer.AsSpan(literalStart, position - literalStart));
                emitter.Copy((long)block * blockLength, blockLength);
                position += blockLength;
                literalStart = position;
                haveSum = false;
            }
            else if (filled - position > blockLength)
            {
                sum.Rotate(buffer[position], buffer[position + blockLength]);
                position++;
            }
            else
            {
                // The last full window did not match: the tail search below starts one byte on.
                sum.RollOut(buffer[position]);
                position++;
                break;
            }
        }

        MatchTail(signature, buffer, ref position, filled, ref literalStart, sum, haveSum, emitter);
        emitter.Literal(buffer.AsSpan(literalStart, filled - literalStart));
        return emitter.Finish();
    }

    // The file's last bytes, shorter than a block: the window [position, filled) shrinks from the front until its sums
    // are a basis block's (in practice the basis's last, short block) or it is empty.
    private static void MatchTail(
        RsyncSignature signature, byte[] buffer, ref int position, int filled, ref int literalStart,
        RollingChecksum sum, bool haveSum, Emitter emitter)
    {
        if (!haveSum)
        {
            sum = new RollingChecksum(signature.Format.RabinKarp);
            sum.Update(buffer.AsSpan(position, filled - position));
        }

        for (; position < filled; position++)
        {
            var block = signature.Find(sum.Digest, buffer.AsSpan(position, filled - position));
            if (block >= 0)
            {
                emitter.Literal(buffer.AsSpan(literalStart, position - literalStart));
                emitter.Copy((long)block * signature.Format.BlockLength, filled - position);
                position = literalStart = filled;
                return;
            }

            sum.RollOut(buffer[position]);
        }
    }

    private sealed class Emitter
    {
        private readonly BufferedStream _output;
        private long _copyOffset;
        private long _copyLength;
        private long _literalBytes;
        private long _copiedBytes;
        private long _literalCommands;
        private long _copyCommands;

        public Emitter(Stream output)
        {
            // Not disposed: that would close the caller's stream.
            _output = new BufferedStream(output, 64 * 1024);
            Span<byte> magic = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(magic, (uint)RsyncMagic.Delta);
            _output.Write(magic);
        }

        public void Literal(ReadOnlySpan<byte> bytes)
        {
            if (bytes.IsEmpty)
            {
                return;
            }

            FlushCopy();
            Span<byte> header = stackalloc byte[9];
            _output.Write(header[..RsyncDeltaCommands.WriteLiteralHeader(header, bytes.Length)]);
            _output.Write(bytes);
            _literalBytes += bytes.Length;
            _literalCommands++;
        }

        public void Copy(long offset, long length)
        {
            if (_copyLength > 0 && _copyOffset + _copyLength == offset)
            {
                _copyLength += length;
                return;
            }

            FlushCopy();
            _copyOffset = offset;
            _copyLength = length;
        }

        public RsyncDeltaStatistics Finish()
        {
            FlushCopy();
            _output.WriteByte(RsyncDeltaCommands.End);
            _output.Flush();
            return new RsyncDeltaStatistics(_literalBytes, _copiedBytes, _literalCommands, _copyCommands);
        }

        private void FlushCopy()
        {
            if (_copyLength == 0)
            {
                return;
            }

            Span<byte> command = stackalloc byte[17];
            _output.Write(command[..RsyncDeltaCommands.WriteCopy(command, _copyOffset, _copyLength)]);
            _copiedBytes += _copyLength;
            _copyCommands++;
            _copyLength = 0;
        }
    }
}
