namespace Coffer.Formats.AppData;

/// <summary>
/// A file delta: how to build a new version of a file that is not a SQLite database from the version the server holds
/// (copies of ranges of that base and the bytes of the chunks that changed), in one Zstandard frame. Written by
/// <see cref="FileDeltaWriter"/> in one pass over the new file, read and applied by <see cref="FileDeltaReader"/> in one
/// pass over the delta; the layout is in docs/file-delta.md.
/// </summary>
public static class FileDeltaCodec
{
    /// <summary>The content type of an app data item's Replace that carries a file delta instead of the file.</summary>
    public const string ContentType = "application/vnd.coffer.file-delta+zstd";

    /// <summary>The most decompressed bytes read: a delta that large would have been sent as the file.</summary>
    public const long MaxDecodedBytes = 1L << 30;

    public const byte Version = 1;

    /// <summary>The operation tags: the end of the operations, a range of the base, new bytes.</summary>
    public const byte End = 0;

    public const byte Copy = 1;

    public const byte Literal = 2;

    internal static ReadOnlySpan<byte> Magic => "CFDL"u8;

    /// <summary>True when <paramref name="contentType"/> (parameters allowed) is <see cref="ContentType"/>.</summary>
    public static bool IsFileDelta(string? contentType) =>
        contentType != null && contentType.Split(';', 2)[0].Trim().Equals(ContentType, StringComparison.OrdinalIgnoreCase);
}
