using System.Buffers.Binary;

namespace Coffer.Agent.AppData;

/// <summary>
/// The chunks of the version of a file the server acknowledged, with that version's length and SHA-256: the base the
/// next file delta is written against. Kept in a small binary file (magic <c>CCHK</c>, version 1, the length, the
/// SHA-256, a count, then each chunk's length and hash; offsets follow from the lengths): a 4 GiB file has about a
/// million chunks, too many for the JSON state.
/// </summary>
public sealed class FileChunkList
{
    private static ReadOnlySpan<byte> Magic => "CCHK"u8;

    public required long Length { get; init; }

    public required byte[] Sha256 { get; init; }

    public required IReadOnlyList<FileChunk> Chunks { get; init; }

    /// <summary>Each chunk's offset by its hash (the first one when the same content occurs twice).</summary>
    public Dictionary<UInt128, long> ByHash()
    {
        var index = new Dictionary<UInt128, long>(Chunks.Count);
        foreach (var chunk in Chunks)
        {
            index.TryAdd(chunk.Hash, chunk.Offset);
        }

        return index;
    }

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".tmp";
        using (var output = new BufferedStream(File.Create(temp), 1 << 16))
        {
            Span<byte> head = stackalloc byte[5 + 8 + 32 + 4];
            Magic.CopyTo(head);
            head[4] = 1;
            BinaryPrimitives.WriteInt64LittleEndian(head[5..], Length);
            Sha256.CopyTo(head[13..]);
            BinaryPrimitives.WriteInt32LittleEndian(head[45..], Chunks.Count);
            output.Write(head);
            Span<byte> entry = stackalloc byte[20];
            foreach (var chunk in Chunks)
            {
                BinaryPrimitives.WriteInt32LittleEndian(entry, chunk.Length);
                BinaryPrimitives.WriteUInt128LittleEndian(entry[4..], chunk.Hash);
                output.Write(entry);
            }
        }

        File.Move(temp, path, overwrite: true);
    }

    /// <summary>The list saved at <paramref name="path"/>, or null when there is none or it is not one (the file then goes whole).</summary>
    public static FileChunkList? Load(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var data = File.ReadAllBytes(path);
        if (data.Length < 49 || !data.AsSpan(0, 4).SequenceEqual(Magic) || data[4] != 1)
        {
            return null;
        }

        var count = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(45));
        if (count < 0 || data.Length != 49 + (20L * count))
        {
            return null;
        }

        var chunks = new List<FileChunk>(count);
        var offset = 0L;
        for (var at = 49; at < data.Length; at += 20)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(at));
            chunks.Add(new FileChunk(offset, length, BinaryPrimitives.ReadUInt128LittleEndian(data.AsSpan(at + 4))));
            offset += length;
        }

        var total = BinaryPrimitives.ReadInt64LittleEndian(data.AsSpan(5));
        return offset != total ? null : new FileChunkList { Length = total, Sha256 = data[13..45], Chunks = chunks };
    }
}
