using System.Collections.Concurrent;
using ZstdSharp;
using ZstdSharp.Unsafe;

namespace Coffer.Storage;

/// <summary>
/// The default compression step: Zstandard (RFC 8878) with the built-in dictionary for the content's type
/// (<see cref="PayloadDictionaries"/>), so even a 300-byte vCard shrinks to about a third. Content that does not shrink
/// (JPEGs, tiny items) is stored uncompressed, as the header records. Decodes everything older codecs wrote (Brotli,
/// uncompressed, either header layout). Thread-safe: zstd contexts are pooled per dictionary, because loading a
/// dictionary into a context costs more than compressing a card with it.
/// </summary>
public sealed class ZstdPayloadCodec : IPayloadCodec
{
    /// <summary>
    /// Default level: on ~290-byte contacts with the dictionary, level 3 costs ~3 µs of CPU per item and level 5 ~8 µs
    /// for under 1% fewer bytes; higher levels gain nothing on items this small (bench/README.md, payload sizes).
    /// </summary>
    public const int DefaultLevel = 3;

    // Contexts kept per dictionary beyond those in use; more are made under load and dropped when returned.
    private const int PoolLimit = 16;

    // Binary content from this size on is probed before compressing it whole: photos, videos and archives are already
    // compressed, and zstd spends about 2.4 µs per KiB finding that out, more than AES-GCM and SHA-256 together.
    private const int ProbeFrom = 64 * 1024;

    private const int ProbeSlice = 8 * 1024;

    private readonly int level;
    private readonly bool useDictionaries;
    private readonly BrotliPayloadCodec older = new();
    private readonly ConcurrentDictionary<ushort, ConcurrentBag<Compressor>> compressors = new();
    private readonly ConcurrentDictionary<ushort, ConcurrentBag<Decompressor>> decompressors = new();

    /// <param name="level">zstd level, 1–19.</param>
    /// <param name="useDictionaries">False: plain zstd (for comparison; what it writes decodes either way).</param>
    public ZstdPayloadCodec(int level = DefaultLevel, bool useDictionaries = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(level, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, 19);
        this.level = level;
        this.useDictionaries = useDictionaries;
    }

    public byte[] Encode(ReadOnlySpan<byte> content, PayloadContext context)
    {
        var dictionary = useDictionaries ? PayloadDictionaries.For(content) : (ushort)0;
        var header = new PayloadHeader(PayloadCompression.Zstd, PayloadCipher.None, 0, content.Length, dictionary);
        var headerSize = header.Size;
        // A large cached reply is kept only until the client's next message: compressing its megabytes (b64 shrinks by a
        // quarter) costs more CPU than the reply's own encoding and saves bytes for seconds.
        var transient = context.Kind == PayloadKind.CachedReply && content.Length >= ProbeFrom;
        if (content.Length > 1 && !transient && (dictionary != 0 || content.Length < ProbeFrom || MayShrink(content)))
        {
            // Only worth keeping if strictly smaller than storing it raw: a larger result fails TryWrap.
            var buffer = new byte[headerSize + content.Length - 1];
            var compressor = RentCompressor(dictionary);
            bool shrunk;
            int written;
            try
            {
                shrunk = compressor.TryWrap(content, buffer.AsSpan(headerSize), out written);
            }
            finally
            {
                Return(compressors, dictionary, compressor);
            }

            if (shrunk)
            {
                header.Write(buffer);
                return buffer[..(headerSize + written)];
            }
        }

        var none = new PayloadHeader(PayloadCompression.None, PayloadCipher.None, 0, content.Length);
        var raw = new byte[none.Size + content.Length];
        content.CopyTo(raw.AsSpan(none.Write(raw)));
        return raw;
    }

    public bool StoresRaw(ReadOnlySpan<byte> content, PayloadContext context) =>
        content.Length >= ProbeFrom
        && (context.Kind == PayloadKind.CachedReply || ((!useDictionaries || PayloadDictionaries.For(content) == 0) && !MayShrink(content)));

    public byte[] Decode(ReadOnlySpan<byte> stored, PayloadContext context)
    {
        var header = PayloadHeader.Read(stored);
        if (header.Compression != PayloadCompression.Zstd)
        {
            return older.Decode(stored, context);
        }

        if (header.Cipher != PayloadCipher.None)
        {
            throw new StorageException($"payload of {context.Describe()} is encrypted ({header.Cipher}, key {header.KeyId}) and this codec has no keys");
        }

        if (header.DictionaryId != 0 && !PayloadDictionaries.Has(header.DictionaryId))
        {
            throw new StorageException($"payload of {context.Describe()} names compression dictionary {header.DictionaryId}, which this build does not have");
        }

        var content = new byte[header.ContentLength];
        var decompressor = RentDecompressor(header.DictionaryId);
        try
        {
            if (!decompressor.TryUnwrap(stored[header.Size..], content, out var written) || written != header.ContentLength)
            {
                throw new StorageException($"payload of {context.Describe()} is not valid zstd of {header.ContentLength} bytes");
            }
        }
        catch (ZstdException e)
        {
            throw new StorageException($"payload of {context.Describe()} is not valid zstd of {header.ContentLength} bytes", e);
        }
        finally
        {
            Return(decompressors, header.DictionaryId, decompressor);
        }

        return content;
    }

    /// <summary>
    /// Whether any of three slices (start, middle, end) shrinks by at least 3 %: if none does, the content is taken for
    /// already compressed and stored as it is, at the cost of three small compressions instead of a whole one.
    /// </summary>
    private bool MayShrink(ReadOnlySpan<byte> content)
    {
        var compressor = RentCompressor(0);
        var buffer = new byte[ProbeSlice];
        try
        {
            foreach (var start in (int[])[0, (content.Length - ProbeSlice) / 2, content.Length - ProbeSlice])
            {
                var slice = content.Slice(start, ProbeSlice);
                if (compressor.TryWrap(slice, buffer.AsSpan(0, ProbeSlice * 97 / 100), out _))
                {
                    return true;
                }
            }

            return false;
        }
        finally
        {
            Return(compressors, 0, compressor);
        }
    }

    private Compressor RentCompressor(ushort dictionary)
    {
        if (compressors.TryGetValue(dictionary, out var pool) && pool.TryTake(out var pooled))
        {
            return pooled;
        }

        var compressor = new Compressor(level);
        // experimentalParam2 is ZSTD_c_format (zstd.h). The header names the dictionary and records the length; AES-GCM authenticates: the frame needs none of them.
        compressor.SetParameter(ZSTD_cParameter.ZSTD_c_experimentalParam2, (int)ZSTD_format_e.ZSTD_f_zstd1_magicless);
        compressor.SetParameter(ZSTD_cParameter.ZSTD_c_dictIDFlag, 0);
        compressor.SetParameter(ZSTD_cParameter.ZSTD_c_contentSizeFlag, 0);
        compressor.SetParameter(ZSTD_cParameter.ZSTD_c_checksumFlag, 0);
        if (dictionary != 0)
        {
            compressor.LoadDictionary(PayloadDictionaries.Get(dictionary));
        }

        return compressor;
    }

    private Decompressor RentDecompressor(ushort dictionary)
    {
        if (decompressors.TryGetValue(dictionary, out var pool) && pool.TryTake(out var pooled))
        {
            return pooled;
        }

        // experimentalParam1 is ZSTD_d_format (zstd.h).
        var decompressor = new Decompressor();
        decompressor.SetParameter(ZSTD_dParameter.ZSTD_d_experimentalParam1, (int)ZSTD_format_e.ZSTD_f_zstd1_magicless);
        if (dictionary != 0)
        {
            decompressor.LoadDictionary(PayloadDictionaries.Get(dictionary));
        }

        return decompressor;
    }

    private static void Return<T>(ConcurrentDictionary<ushort, ConcurrentBag<T>> pools, ushort dictionary, T context)
        where T : IDisposable
    {
        var pool = pools.GetOrAdd(dictionary, _ => []);
        if (pool.Count < PoolLimit)
        {
            pool.Add(context);
        }
        else
        {
            context.Dispose();
        }
    }
}
