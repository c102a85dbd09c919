// Stored payload bytes per item for compression choices, on a folder of items (one per file):
//   dotnet run bench/sizes/payload-sizes.cs -- DIR
// Every variant adds what encryption at rest adds (11-byte header, 12-byte nonce, 16-byte tag). "primed" is Brotli
// with a fixed text compressed ahead of each item and flushed (a byte-aligned boundary); only the bytes after it are
// stored, and reading feeds the constant compressed prefix to the decoder first: the effect of a shared dictionary with
// the framework's Brotli, which has no dictionary API. The zstd rows are Coffer's own codec (ZstdPayloadCodec): its
// output carries the compact header (7 bytes for a small item), so they add only the 12-byte nonce and 16-byte tag.
#:project ../../src/Coffer.Storage/Coffer.Storage.csproj
using System.Diagnostics;
using Coffer.Storage;
using System.IO.Compression;
using System.Text;

const int Overhead = 11 + 12 + 16;
var items = Directory.GetFiles(args[0]).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
var raw = items.Sum(i => (long)i.Length);
var dictionary = Encoding.ASCII.GetBytes(
    "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:\r\nREV:\r\nUID:\r\nN:;;;;\r\nFN:\r\nNICKNAME:\r\nTEL;TYPE=CELL:+\r\nTEL;TYPE=WORK:+\r\nTEL;TYPE=HOME:+\r\n" +
    "TEL;TYPE=VOICE:\r\nEMAIL;TYPE=INTERNET:@gmail.com\r\nEMAIL;TYPE=INTERNET;TYPE=WORK:@\r\nADR;TYPE=HOME:;;;;;;\r\nADR;TYPE=WORK:;;;;;;\r\n" +
    "ORG:;\r\nTITLE:\r\nROLE:\r\nNOTE:\r\nBDAY:\r\nURL:https://www.\r\nCATEGORIES:\r\nX-EVOLUTION-FILE-AS:\r\nPHOTO;ENCODING=b;TYPE=JPEG:\r\nEND:VCARD\r\n");
Console.WriteLine($"{items.Count} items, {raw} bytes, {raw / (double)items.Count:F0} bytes each; raw and Brotli rows + {Overhead} bytes (11-byte fixed header, nonce, tag), zstd rows + {PayloadProtector.Overhead} (nonce, tag)");
Console.WriteLine("| variant | stored bytes per item | stored / raw | encode µs per item | decode µs per item |");
Console.WriteLine("|---|---|---|---|---|");
Report("none (raw)", c => c, s => s);
foreach (var quality in new[] { 1, 5, 11 })
{
    Report($"Brotli q{quality}, every item (smaller only)", c => Smaller(c, Brotli(c, quality)), Unbrotli);
}

foreach (var quality in new[] { 1, 5, 11 })
{
    var prefix = Prefix(quality);
    Report($"Brotli q{quality} primed with a {dictionary.Length}-byte vCard text", c => Primed(c, quality, prefix.Length), s => Unprime(s, prefix));
}

var context = new PayloadContext(1, "0f8fad5b-d9cb-469f-a165-70867728950e", 1);
foreach (var level in new[] { 1, 3, 5, 9 })
{
    var plain = new ZstdPayloadCodec(level, useDictionaries: false);
    Report($"zstd {level}, no dictionary (Coffer's codec, compact header)", c => plain.Encode(c, context), s => plain.Decode(s, context), PayloadProtector.Overhead);
    var codec = new ZstdPayloadCodec(level);
    Report($"zstd {level} + built-in vCard dictionary (Coffer's codec, compact header)", c => codec.Encode(c, context), s => codec.Decode(s, context), PayloadProtector.Overhead);
}

void Report(string name, Func<byte[], byte[]> encode, Func<byte[], byte[]> decode, int overhead = Overhead)
{
    var stored = items.Select(encode).ToList(); // warm-up and result
    var sw = Stopwatch.StartNew();
    foreach (var item in items)
    {
        encode(item);
    }

    var enc = sw.Elapsed.TotalMicroseconds / items.Count;
    sw.Restart();
    for (var n = 0; n < items.Count; n++)
    {
        if (!decode(stored[n]).AsSpan().SequenceEqual(items[n]))
        {
            throw new InvalidOperationException($"{name}: item {n} does not round-trip");
        }
    }

    var dec = sw.Elapsed.TotalMicroseconds / items.Count;
    var bytes = stored.Sum(s => (long)s.Length + overhead);
    Console.WriteLine($"| {name} | {bytes / (double)items.Count:F0} | {bytes / (double)raw:F2} | {enc:F1} | {dec:F1} |");
}

static byte[] Brotli(byte[] content, int quality)
{
    var buffer = new byte[content.Length + 64];
    return BrotliEncoder.TryCompress(content, buffer, out var written, quality, 16) ? buffer[..written] : content;
}

// A one-byte marker tells compressed from raw (the real header has a field for it).
static byte[] Smaller(byte[] content, byte[] compressed) => compressed.Length < content.Length ? [1, .. compressed] : [0, .. content];

static byte[] Unbrotli(byte[] stored)
{
    if (stored[0] == 0)
    {
        return stored[1..];
    }

    using var input = new BrotliStream(new MemoryStream(stored, 1, stored.Length - 1), CompressionMode.Decompress);
    using var output = new MemoryStream();
    input.CopyTo(output);
    return output.ToArray();
}

byte[] Prefix(int quality)
{
    using var encoder = new BrotliEncoder(quality, 16);
    var buffer = new byte[dictionary.Length * 2 + 64];
    encoder.Compress(dictionary, buffer, out _, out var written, isFinalBlock: false);
    encoder.Flush(buffer.AsSpan(written), out var flushed);
    return buffer[..(written + flushed)];
}

byte[] Primed(byte[] content, int quality, int prefixLength)
{
    using var encoder = new BrotliEncoder(quality, 16);
    var buffer = new byte[dictionary.Length * 2 + content.Length * 2 + 128];
    encoder.Compress(dictionary, buffer, out _, out var written, isFinalBlock: false);
    encoder.Flush(buffer.AsSpan(written), out var flushed);
    if (written + flushed != prefixLength)
    {
        throw new InvalidOperationException("the compressed prefix is not constant");
    }

    var at = written + flushed;
    encoder.Compress(content, buffer.AsSpan(at), out _, out var body, isFinalBlock: true);
    return buffer[at..(at + body)];
}

byte[] Unprime(byte[] stored, byte[] prefix)
{
    var whole = new byte[prefix.Length + stored.Length];
    prefix.CopyTo(whole, 0);
    stored.CopyTo(whole, prefix.Length);
    using var input = new BrotliStream(new MemoryStream(whole), CompressionMode.Decompress);
    using var output = new MemoryStream();
    input.CopyTo(output);
    return output.ToArray()[dictionary.Length..];
}
