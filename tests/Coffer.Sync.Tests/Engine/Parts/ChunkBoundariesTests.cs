using System.Text;
using Coffer.Sync.Engine;

namespace Coffer.Sync.Tests.Engine.Parts;

/// <summary>
/// Where a large object's text is cut into chunks (OMA-TS-DS_Protocol-V1_2 §6.10): within the byte budget, never inside
/// a UTF-8 character or a surrogate pair, never beside whitespace (SyncEvolution trims each chunk's Data), and b64 in
/// whole 4-character groups.
/// </summary>
public sealed class ChunkBoundariesTests
{
    [Fact]
    public void A_cut_counts_utf8_bytes_and_never_splits_a_surrogate_pair()
    {
        var text = "ab\u00e9\U0001F600cd"; // a b é(2 bytes) 😀(4 bytes, 2 chars) c d

        ChunkBoundaries.TakeBytes(text, 0, 4).ShouldBe(3);
        ChunkBoundaries.TakeBytes(text, 0, 6).ShouldBe(3);
        ChunkBoundaries.TakeBytes(text, 0, 8).ShouldBe(5);
        ChunkBoundaries.TakeBytes(text, 3, 1).ShouldBe(2, "a character wider than the budget still goes whole, or nothing would move");
    }

    [Fact]
    public void Every_piece_of_a_cut_text_is_valid_utf8_and_the_pieces_make_the_whole()
    {
        var text = string.Concat(Enumerable.Repeat("Grüße 😀 \r\n naïve ", 40));
        var pieces = new List<string>();
        for (var offset = 0; offset < text.Length;)
        {
            var take = ChunkBoundaries.AvoidWhitespaceEdge(text, offset, ChunkBoundaries.TakeBytes(text, offset, 37));
            pieces.Add(text.Substring(offset, take));
            offset += take;
        }

        string.Concat(pieces).ShouldBe(text);
        pieces.ShouldAllBe(p => Encoding.UTF8.GetByteCount(p) <= 37);
        pieces.ShouldAllBe(p => !char.IsHighSurrogate(p[p.Length - 1]) && !char.IsLowSurrogate(p[0]));
        pieces.Take(pieces.Count - 1).ShouldAllBe(p => !char.IsWhiteSpace(p[p.Length - 1]) && !char.IsWhiteSpace(p[0]));
    }

    [Fact]
    public void A_cut_on_a_line_end_moves_back_so_neither_piece_has_whitespace_at_the_edge()
    {
        var text = "BEGIN:VCARD\r\n FN:x";

        ChunkBoundaries.AvoidWhitespaceEdge(text, 0, 12).ShouldBe(10);
        ChunkBoundaries.AvoidWhitespaceEdge(text, 0, 14).ShouldBe(10);
        ChunkBoundaries.AvoidWhitespaceEdge(text, 0, 15).ShouldBe(15);
    }

    [Fact]
    public void A_cut_with_nowhere_else_to_go_stays_where_it_was()
    {
        ChunkBoundaries.AvoidWhitespaceEdge("a      b", 0, 3).ShouldBe(3);
        ChunkBoundaries.AvoidWhitespaceEdge("abc", 0, 3).ShouldBe(3);
    }

    [Theory]
    [InlineData(100, 37, 36)]
    [InlineData(100, 2, 4)]
    [InlineData(10, 400, 10)]
    public void Base64_goes_in_whole_groups_of_four(int available, int room, int expected) =>
        ChunkBoundaries.TakeBase64(available, room).ShouldBe(expected);
}
