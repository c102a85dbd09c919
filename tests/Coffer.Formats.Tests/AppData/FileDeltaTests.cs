using System.Security.Cryptography;
using Coffer.Formats.AppData;
using ZstdSharp;

namespace Coffer.Formats.Tests.AppData;

public sealed class FileDeltaTests
{
    private static readonly byte[] Base = RandomBytes(300_000, 1);

    [Fact]
    public void A_delta_of_copies_and_literals_builds_the_new_file_byte_for_byte()
    {
        // The new file: a 5000-byte insert at 100000, 200 bytes overwritten at 200000, the last 20000 bytes cut off.
        var insert = RandomBytes(5000, 2);
        var overwrite = RandomBytes(200, 3);
        var expected = Base[..100_000].Concat(insert).Concat(Base[100_000..200_000]).Concat(overwrite).Concat(Base[200_200..280_000]).ToArray();
        using var delta = new MemoryStream();
        using (var writer = new FileDeltaWriter(delta, Base.Length, SHA256.HashData(Base)))
        {
            writer.Copy(0, 60_000);
            writer.Copy(60_000, 40_000);
            writer.Literal(insert);
            writer.Copy(100_000, 100_000);
            writer.Literal(overwrite);
            writer.Copy(200_200, 79_800);
            writer.LiteralBytes.ShouldBe(5200);
            writer.Finish(expected.Length, SHA256.HashData(expected));
        }

        delta.Length.ShouldBeLessThan(7000);
        delta.Position = 0;
        using var reader = FileDeltaReader.Open(delta);
        reader.BaseLength.ShouldBe(Base.Length);
        reader.BaseSha256.ShouldBe(SHA256.HashData(Base));
        using var result = new MemoryStream();
        reader.ApplyTo(new MemoryStream(Base, writable: false), result).ShouldBe(expected.Length);
        result.ToArray().ShouldBe(expected);
    }

    [Fact]
    public void An_empty_result_is_a_delta_too()
    {
        using var delta = new MemoryStream();
        using (var writer = new FileDeltaWriter(delta, Base.Length, SHA256.HashData(Base)))
        {
            writer.Finish(0, SHA256.HashData([]));
        }

        delta.Position = 0;
        using var reader = FileDeltaReader.Open(delta);
        reader.ApplyTo(new MemoryStream(Base), new MemoryStream()).ShouldBe(0);
    }

    public static TheoryData<string> Refusals() => new(Malformed.Keys);

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_malformed_delta_is_refused(string name)
    {
        var compressed = Malformed[name]();
        Should.Throw<PimFormatException>(() =>
        {
            using var reader = FileDeltaReader.Open(new MemoryStream(compressed));
            reader.ApplyTo(new MemoryStream(Base, writable: false), new MemoryStream());
        });
    }

    private static readonly byte[] Result = Base[..1000];

    private static readonly Dictionary<string, Func<byte[]>> Malformed = new()
    {
        ["not zstd"] = () => "CFDL plain bytes"u8.ToArray(),
        ["a frame cut short"] = () => Valid()[..^6],
        ["no trailer"] = () => Zstd(Header(), [FileDeltaCodec.Copy], Varint(0), Varint(1000), [FileDeltaCodec.End]),
        ["header cut short"] = () => Zstd("CFDL"u8.ToArray(), [1], Varint((ulong)Base.Length), new byte[10]),
        ["wrong magic"] = () => Zstd("CSQL"u8.ToArray(), [1], Varint((ulong)Base.Length), SHA256.HashData(Base), [FileDeltaCodec.End], Trailer(0, [])),
        ["unknown version"] = () => Zstd("CFDL"u8.ToArray(), [2], Varint((ulong)Base.Length), SHA256.HashData(Base), [FileDeltaCodec.End], Trailer(0, [])),
        ["unknown operation"] = () => Zstd(Header(), [7], Varint(0), Varint(1000), [FileDeltaCodec.End], Trailer(1000, Result)),
        ["copy beyond the base"] = () => Zstd(Header(), [FileDeltaCodec.Copy], Varint(299_500), Varint(1000), [FileDeltaCodec.End], Trailer(1000, Base[299_500..])),
        ["empty copy"] = () => Zstd(Header(), [FileDeltaCodec.Copy], Varint(0), Varint(0), [FileDeltaCodec.Copy], Varint(0), Varint(1000), [FileDeltaCodec.End], Trailer(1000, Result)),
        ["literal longer than the bytes left"] = () => Zstd(Header(), [FileDeltaCodec.Literal], Varint(5000), Result, [FileDeltaCodec.End], Trailer(1000, Result)),
        ["literal beyond 1 GiB"] = () => Zstd(Header(), [FileDeltaCodec.Literal], Varint(FileDeltaCodec.MaxDecodedBytes + 1), Result),
        ["varint too long"] = () => Zstd(Header(), [FileDeltaCodec.Copy], Enumerable.Repeat((byte)0xFF, 12).ToArray()),
        ["bytes after the end"] = () => Zstd(Header(), [FileDeltaCodec.Copy], Varint(0), Varint(1000), [FileDeltaCodec.End], Trailer(1000, Result), [0]),
        ["result of another length"] = () => Zstd(Header(), [FileDeltaCodec.Copy], Varint(0), Varint(1000), [FileDeltaCodec.End], Varint(1001), SHA256.HashData(Result)),
        ["result of another SHA-256"] = () => Zstd(Header(), [FileDeltaCodec.Copy], Varint(0), Varint(1000), [FileDeltaCodec.End], Trailer(1000, Base[1..1001])),
    };

    [Fact]
    public void The_valid_delta_the_refusals_are_cut_from_applies()
    {
        using var reader = FileDeltaReader.Open(new MemoryStream(Valid()));
        var output = new MemoryStream();
        reader.ApplyTo(new MemoryStream(Base, writable: false), output).ShouldBe(1000);
        output.ToArray().ShouldBe(Result);
    }

    [Theory]
    [InlineData("application/vnd.coffer.file-delta+zstd; name*=UTF-8''a%2Fb.bin", true)]
    [InlineData("APPLICATION/VND.COFFER.FILE-DELTA+ZSTD", true)]
    [InlineData("application/vnd.coffer.sqlite-changes+zstd", false)]
    [InlineData(null, false)]
    public void The_content_type_is_recognised_with_its_parameters(string? type, bool expected) =>
        FileDeltaCodec.IsFileDelta(type).ShouldBe(expected);

    private static byte[] Valid() => Zstd(Header(), [FileDeltaCodec.Copy], Varint(0), Varint(1000), [FileDeltaCodec.End], Trailer(1000, Result));

    private static byte[] Header() => [.. "CFDL"u8, 1, .. Varint((ulong)Base.Length), .. SHA256.HashData(Base)];

    private static byte[] Trailer(long length, byte[] content) => [.. Varint((ulong)length), .. SHA256.HashData(content)];

    private static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>();
        while (value >= 0x80)
        {
            bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }

        bytes.Add((byte)value);
        return [.. bytes];
    }

    private static byte[] Varint(long value) => Varint((ulong)value);

    private static byte[] Zstd(params byte[][] parts)
    {
        using var compressor = new Compressor(3);
        return compressor.Wrap(parts.SelectMany(p => p).ToArray()).ToArray();
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
