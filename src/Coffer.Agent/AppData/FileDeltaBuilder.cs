using System.Buffers.Binary;
using System.Security.Cryptography;
using Coffer.Formats.AppData;
using Coffer.Formats.Chunking;

namespace Coffer.Agent.AppData;

/// <summary>
/// Reads a file once, cutting it into content-defined chunks (FastCDC, <see cref="ContentDefinedChunker"/>), and — when
/// there is a base — writes the file delta against it at the same time: a chunk the base holds is a copy of the base's
/// range, any other chunk's bytes go as they are. An insert or a deletion moves only the boundaries next to it, so
/// only the chunks around each change travel. A delta whose new bytes pass <c>limit</c> is given up mid-way.
/// </summary>
public static class FileDeltaBuilder
{
    /// <summary>4 KiB on average (1 to 16 KiB): a change costs its bytes and about two chunks; the list of a 4 GiB file is 20 MB.</summary>
    public const int AverageChunk = 4 * 1024;

    private static readonly ContentDefinedChunker Chunker = new("coffer appdata file delta 1"u8, AverageChunk);

    /// <summary>
    /// The chunks of <paramref name="file"/>; with a <paramref name="baseList"/>, also the delta against it, written to
    /// <paramref name="deltaPath"/> (Delta true) unless its new bytes passed <paramref name="limit"/> (no file then).
    /// </summary>
    public static (FileChunkList Chunks, bool Delta) Build(string file, FileChunkList? baseList, string deltaPath, long limit)
    {
        var chunks = new List<FileChunk>();
        var index = baseList?.ByHash();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var input = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
        FileStream? deltaFile = null;
        FileDeltaWriter? writer = null;
        try
        {
            if (baseList != null)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(deltaPath)!);
                deltaFile = new FileStream(deltaPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
                writer = new FileDeltaWriter(deltaFile, baseList.Length, baseList.Sha256);
            }

            var buffer = new byte[Chunker.MaxSize * 4];
            var (filled, start, offset, ended) = (0, 0, 0L, false);
            while (true)
            {
                if (!ended && filled - start < Chunker.MaxSize)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, filled - start);
                    (filled, start) = (filled - start, 0);
                    var read = input.ReadAtLeast(buffer.AsSpan(filled), buffer.Length - filled, throwOnEndOfStream: false);
                    ended = read < buffer.Length - filled;
                    filled += read;
                }

                if (start == filled)
                {
                    break;
                }

                var length = Chunker.Cut(buffer.AsSpan(start, filled - start));
                var span = buffer.AsSpan(start, length);
                var chunk = new FileChunk(offset, length, BinaryPrimitives.ReadUInt128LittleEndian(SHA256.HashData(span)));
                chunks.Add(chunk);
                hash.AppendData(span);
                if (writer != null)
                {
                    if (index!.TryGetValue(chunk.Hash, out var at))
                    {
                        writer.Copy(at, length);
                    }
                    else
                    {
                        writer.Literal(span);
                    }

                    if (writer.LiteralBytes > limit)
                    {
                        // Not worth it: the file goes whole.
                        writer.Dispose();
                        deltaFile!.Dispose();
                        File.Delete(deltaPath);
                        (writer, deltaFile) = (null, null);
                    }
                }

                offset += length;
                start += length;
            }

            var list = new FileChunkList { Length = offset, Sha256 = hash.GetHashAndReset(), Chunks = chunks };
            if (writer == null)
            {
                return (list, false);
            }

            writer.Finish(list.Length, list.Sha256);
            return (list, true);
        }
        finally
        {
            writer?.Dispose();
            deltaFile?.Dispose();
        }
    }
}
