using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Coffer.Agent.Sources;

/// <summary>
/// An item's content without holding it: bytes already in memory (a contact, a note) or a file read when it is sent
/// (a photo, a video), so a large item travels chunk by chunk and never sits in memory whole.
/// </summary>
public sealed class ItemBody
{
    // The bytes when there is no file: an array of their own, or a slice of the reply that carried them.
    private readonly ReadOnlyMemory<byte> bytes;
    private readonly string? file;

    private ItemBody(ReadOnlyMemory<byte> bytes, string? file, long length, DateTime? modified = null)
    {
        this.bytes = bytes;
        this.file = file;
        Length = length;
        Modified = modified;
    }

    public static ItemBody Empty { get; } = new(ReadOnlyMemory<byte>.Empty, null, 0);

    /// <summary>The content's length in bytes when the body was made.</summary>
    public long Length { get; }

    /// <summary>A file's last write time (UTC) when the body was made; null for bytes in memory.</summary>
    public DateTime? Modified { get; }

    public static ItemBody FromBytes(byte[] content) => new(content, null, content.Length);

    /// <summary>Bytes held where they are (an item's data in the reply array, not copied out); they must not change while the body is in use.</summary>
    public static ItemBody FromMemory(ReadOnlyMemory<byte> content) => new(content, null, content.Length);

    public static ItemBody FromFile(string path)
    {
        var info = new FileInfo(path);
        return new(ReadOnlyMemory<byte>.Empty, path, info.Length, info.LastWriteTimeUtc);
    }

    public static implicit operator ItemBody(byte[] content) => FromBytes(content);

    public Stream OpenRead()
    {
        if (file != null)
        {
            return new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }

        return MemoryMarshal.TryGetArray(bytes, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(bytes.ToArray(), writable: false);
    }

    /// <summary>The whole content in memory: for small items and text datastores only.</summary>
    public byte[] ReadAll()
    {
        if (file != null)
        {
            return File.ReadAllBytes(file);
        }

        return MemoryMarshal.TryGetArray(bytes, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : bytes.ToArray();
    }

    public string Sha256()
    {
        if (file == null)
        {
            return Convert.ToHexStringLower(SHA256.HashData(bytes.Span));
        }

        using var stream = OpenRead();
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>
    /// Writes the content to <paramref name="path"/> through a temporary file in <paramref name="tempDir"/> (on the
    /// same file system) renamed over it, so a crash never leaves half an item.
    /// </summary>
    public void WriteTo(string path, string tempDir)
    {
        Directory.CreateDirectory(tempDir);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = Path.Combine(tempDir, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                if (file == null)
                {
                    output.Write(bytes.Span);
                }
                else
                {
                    using var input = OpenRead();
                    input.CopyTo(output, 1 << 20);
                }
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
