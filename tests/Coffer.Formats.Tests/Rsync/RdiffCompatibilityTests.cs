using Coffer.Formats.Rsync;

namespace Coffer.Formats.Tests.Rsync;

/// <summary>Our signature, delta and patch against librsync's rdiff, both ways, on files of several shapes.</summary>
public sealed class RdiffCompatibilityTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("coffer-rsync-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string> Cases => ["empty", "tiny", "one-block-less-one", "non-multiple", "scattered", "shifted", "from-empty", "to-empty"];

    private static (byte[] Basis, byte[] New) Sample(string name) => name switch
    {
        "empty" => ([], []),
        "tiny" => (RsyncSamples.Random(100, 1), RsyncSamples.Random(120, 2)),
        "one-block-less-one" => (RsyncSamples.Random(255, 3), RsyncSamples.Scattered(RsyncSamples.Random(255, 3), 30, 4)),
        // 21 blocks of 256 and a short one of 17 bytes: the short block matches at the end.
        "non-multiple" => (RsyncSamples.Random((3 * 1792) + 17, 5), Edited((3 * 1792) + 17, 5)),
        "scattered" => (RsyncSamples.Random(1_000_003, 6), RsyncSamples.Scattered(RsyncSamples.Random(1_000_003, 6), 1, 7)),
        "shifted" => (RsyncSamples.Random(300_001, 8), RsyncSamples.Shifted(RsyncSamples.Random(300_001, 8), 9)),
        "from-empty" => ([], RsyncSamples.Random(5000, 10)),
        "to-empty" => (RsyncSamples.Random(5000, 11), []),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static byte[] Edited(int length, int seed)
    {
        var bytes = RsyncSamples.Random(length, seed);
        bytes[2000] ^= 0xff;
        return bytes;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Signature_equals_rdiffs_byte_for_byte(string name)
    {
        var (basis, _) = Sample(name);
        var basisPath = Write("basis", basis);
        Rdiff.Run("signature", basisPath, Path.Combine(_dir, "rdiff.sig"));

        var ours = Signature(basis, RsyncSignatureFormat.Recommended(basis.Length));

        ours.ShouldBe(File.ReadAllBytes(Path.Combine(_dir, "rdiff.sig")));
    }

    [Theory]
    [InlineData("rollsum", 512, 8)]
    [InlineData("rabinkarp", 1000, 16)]
    [InlineData("rollsum", 4096, 32)]
    public void Signature_with_other_options_equals_rdiffs(string rollsum, int blockLength, int strongLength)
    {
        var basis = RsyncSamples.Random(100_000, 12);
        var basisPath = Write("basis", basis);
        Rdiff.Run("signature", $"--rollsum={rollsum}", $"--block-size={blockLength}", $"--sum-size={strongLength}",
            basisPath, Path.Combine(_dir, "rdiff.sig"));

        var magic = rollsum == "rollsum" ? RsyncMagic.Blake2Signature : RsyncMagic.RabinKarpBlake2Signature;
        var ours = Signature(basis, new RsyncSignatureFormat(magic, blockLength, strongLength));

        ours.ShouldBe(File.ReadAllBytes(Path.Combine(_dir, "rdiff.sig")));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Our_delta_applied_by_rdiff_patch_gives_the_new_file(string name)
    {
        var (basis, newFile) = Sample(name);
        var basisPath = Write("basis", basis);
        Rdiff.Run("signature", basisPath, Path.Combine(_dir, "rdiff.sig"));

        using (var sig = File.OpenRead(Path.Combine(_dir, "rdiff.sig")))
        using (var input = new MemoryStream(newFile))
        using (var delta = File.Create(Path.Combine(_dir, "ours.delta")))
        {
            RsyncDeltaWriter.Write(RsyncSignature.Read(sig), input, delta);
        }

        Rdiff.Run("patch", basisPath, Path.Combine(_dir, "ours.delta"), Path.Combine(_dir, "patched"));
        File.ReadAllBytes(Path.Combine(_dir, "patched")).ShouldBe(newFile);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rdiffs_delta_applied_by_us_gives_the_new_file(string name)
    {
        var (basis, newFile) = Sample(name);
        var basisPath = Write("basis", basis);
        Rdiff.Run("signature", basisPath, Path.Combine(_dir, "rdiff.sig"));
        Rdiff.Run("delta", Path.Combine(_dir, "rdiff.sig"), Write("new", newFile), Path.Combine(_dir, "rdiff.delta"));

        using var basisStream = new MemoryStream(basis);
        using var delta = File.OpenRead(Path.Combine(_dir, "rdiff.delta"));
        using var output = new MemoryStream();
        RsyncPatcher.Apply(basisStream, delta, output).ShouldBe(newFile.Length);

        output.ToArray().ShouldBe(newFile);
    }

    [Theory]
    [InlineData("scattered")]
    [InlineData("shifted")]
    [InlineData("non-multiple")]
    public void A_small_change_sends_little_more_than_rdiff_does(string name)
    {
        var (basis, newFile) = Sample(name);
        var basisPath = Write("basis", basis);
        Rdiff.Run("signature", basisPath, Path.Combine(_dir, "rdiff.sig"));
        Rdiff.Run("delta", Path.Combine(_dir, "rdiff.sig"), Write("new", newFile), Path.Combine(_dir, "rdiff.delta"));

        RsyncDeltaStatistics stats;
        using (var sig = File.OpenRead(Path.Combine(_dir, "rdiff.sig")))
        using (var input = new MemoryStream(newFile))
        using (var delta = File.Create(Path.Combine(_dir, "ours.delta")))
        {
            stats = RsyncDeltaWriter.Write(RsyncSignature.Read(sig), input, delta);
        }

        stats.NewFileBytes.ShouldBe(newFile.Length);
        stats.CopiedBytes.ShouldBeGreaterThan(newFile.Length / 2);
        new FileInfo(Path.Combine(_dir, "ours.delta")).Length
            .ShouldBeLessThanOrEqualTo(new FileInfo(Path.Combine(_dir, "rdiff.delta")).Length + 64);
    }

    private static byte[] Signature(byte[] basis, RsyncSignatureFormat format)
    {
        using var input = new MemoryStream(basis);
        using var output = new MemoryStream();
        RsyncSignatureWriter.Write(input, output, format);
        return output.ToArray();
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
