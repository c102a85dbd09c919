using System.Text;
using Coffer.Agent.Protocol;
using Coffer.Agent.Sources;

namespace Coffer.Agent.Tests.Protocol;

/// <summary>How a change too large for a message is cut into large-object chunks (OMA-TS-DS_Protocol-V1_2 §6.10).</summary>
public sealed class ChangeEncoderTests
{
    private static readonly DatastoreInfo Notes = new("notes", "note", "./notes", "Notes", "text/plain", "1.0");
    private static readonly DatastoreInfo Files = new("files", "files", "./files", "Files", "application/octet-stream", "1.0", Binary: true);

    [Fact]
    public void A_small_change_is_one_command()
    {
        var pieces = ChangeEncoder.Encode(new LocalChange(ChangeKind.Add, "7", Encoding.UTF8.GetBytes("short\r\n")), Notes, 4_000).ToList();
        pieces.ShouldHaveSingleItem().Last.ShouldBeTrue();
        pieces[0].Command.Items[0].MoreData.ShouldBeFalse();
    }

    [Fact]
    public void Text_larger_than_the_room_is_cut_into_chunks_that_fit_and_add_up_to_the_whole()
    {
        var text = PimSamples.LargeNote(30_000).ReplaceLineEndings("\r\n");
        var pieces = ChangeEncoder.Encode(new LocalChange(ChangeKind.Replace, "9", Encoding.UTF8.GetBytes(text)), Notes, 4_000).ToList();

        pieces.Count.ShouldBeGreaterThan(5);
        pieces.ShouldAllBe(p => p.Size <= 4_000);
        pieces.Take(pieces.Count - 1).ShouldAllBe(p => p.Command.Items[0].MoreData && !p.Last);
        pieces[^1].Last.ShouldBeTrue();
        pieces[^1].Command.Items[0].MoreData.ShouldBeFalse();
        pieces[0].Command.Items[0].Meta!.Size.ShouldBe(Encoding.UTF8.GetByteCount(text));
        pieces.Skip(1).ShouldAllBe(p => p.Command.Items[0].Meta == null);
        string.Concat(pieces.Select(p => p.Command.Items[0].Data!.Text)).ShouldBe(text);
    }

    [Fact]
    public void Binary_chunks_in_Format_bin_are_the_bytes_cut_to_the_room()
    {
        var bytes = new byte[20_000];
        new Random(6).NextBytes(bytes);
        var pieces = ChangeEncoder.Encode(new LocalChange(ChangeKind.Add, "4", bytes), Files, 3_000, bin: true).ToList();

        pieces.Count.ShouldBeGreaterThan(5);
        pieces.ShouldAllBe(p => p.Size <= 3_000 && p.Command.Meta!.Format == "bin");
        pieces[0].Command.Items[0].Meta!.Size.ShouldBe(bytes.Length);
        pieces.SelectMany(p => p.Command.Items[0].Data!.Bytes!.Value.ToArray()).ToArray().ShouldBe(bytes);

        // The same change as b64 needs a third more room: more chunks.
        ChangeEncoder.Encode(new LocalChange(ChangeKind.Add, "4", bytes), Files, 3_000).Count().ShouldBeGreaterThan(pieces.Count);
    }

    [Fact]
    public void Text_never_goes_as_bin()
    {
        var piece = ChangeEncoder.Encode(new LocalChange(ChangeKind.Add, "8", Encoding.UTF8.GetBytes("a note\r\n")), Notes, 4_000, bin: true).Single();
        piece.Command.Meta!.Format.ShouldBeNull();
        piece.Command.Items[0].Data!.Bytes.ShouldBeNull();
    }

    [Fact]
    public void Binary_chunks_are_whole_base64_groups_that_decode_alone()
    {
        var bytes = new byte[20_000];
        new Random(5).NextBytes(bytes);
        var pieces = ChangeEncoder.Encode(new LocalChange(ChangeKind.Add, "3", bytes), Files, 3_000).ToList();

        pieces.Count.ShouldBeGreaterThan(5);
        pieces[0].Command.Meta!.Format.ShouldBe("b64");
        pieces[0].Command.Items[0].Meta!.Size.ShouldBe(bytes.Length);
        pieces.SelectMany(p => Convert.FromBase64String(p.Command.Items[0].Data!.Text!)).ToArray().ShouldBe(bytes);
    }

    [Fact]
    public void A_file_is_read_in_chunks_that_each_carry_its_name()
    {
        var path = Path.Combine(Path.GetTempPath(), "coffer-encoder-" + Guid.NewGuid().ToString("N")[..8]);
        var bytes = new byte[100_003];
        new Random(6).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);
        try
        {
            var type = ItemNames.TypeWithName("application/octet-stream", "a/b c.bin");
            var pieces = ChangeEncoder.Encode(new LocalChange(ChangeKind.Add, "4", ItemBody.FromFile(path), type), Files, 8_000).ToList();

            pieces.Count.ShouldBeGreaterThan(10);
            pieces.ShouldAllBe(p => p.Command.Meta!.Type == type && p.Size <= 8_000);
            pieces[0].Command.Items[0].Meta!.Size.ShouldBe(bytes.Length);
            pieces.Select(p => p.Command.Items[0].MoreData).ShouldBe([.. Enumerable.Repeat(true, pieces.Count - 1), false]);
            pieces.SelectMany(p => Convert.FromBase64String(p.Command.Items[0].Data!.Text!)).ToArray().ShouldBe(bytes);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
