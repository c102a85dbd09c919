using System.Text;
using Coffer.Agent.Sources;
using Coffer.SyncML;
using Coffer.SyncML.Auth;
using Coffer.SyncML.DevInf;

namespace Coffer.Agent.Protocol;

/// <summary>
/// Turns a local change into the commands that carry it: Add / Replace with Source = LUID and the data, Delete with
/// the LUID only (OMA-TS-DS_Protocol-V1_2 §5.7). A change whose command does not fit in <c>room</c> bytes is cut into
/// chunks that do, each with MoreData but the last, the first announcing the whole object's Size
/// (OMA-TS-DS_Protocol-V1_2 §6.10 "Large Object Handling"). Text is cut between characters, b64 at whole 4-character
/// groups so each chunk decodes on its own. A binary item is read from its file one chunk at a time as the pieces are
/// taken, so a file of any size never sits in memory. Every command carries the item's own type (with its name). To a
/// server that reads Format bin (<see cref="BinItemData"/>) binary data goes as the bytes themselves, cut anywhere.
/// </summary>
public static class ChangeEncoder
{
    // Room a chunk's command needs besides its data: element names, CmdID, Source, Meta with Type and Size.
    private const int CommandOverhead = 400;

    /// <param name="from">Where a resumed binary object goes on: the bytes the server already acknowledged.</param>
    /// <param name="bin">Binary data goes in Format bin (the server announced it, over WBXML) instead of b64.</param>
    public static IEnumerable<OutgoingPiece> Encode(LocalChange change, DatastoreInfo datastore, long room, long from = 0, bool bin = false)
    {
        if (change.Kind == ChangeKind.Delete)
        {
            var delete = new DeleteCommand();
            delete.Items.Add(new Item { Source = new SyncLocation(change.Luid) });
            yield return new OutgoingPiece(delete, change, true, OutgoingMessage.Estimate(delete));
            yield break;
        }

        var content = change.Content ?? ItemBody.Empty;
        var type = change.ContentType ?? datastore.ContentType;
        var budget = Math.Max(256, room - CommandOverhead - type.Length);
        bin &= datastore.Binary;
        if (datastore.Binary && (from > 0 || (bin ? content.Length : (content.Length + 2) / 3 * 4) > budget))
        {
            foreach (var piece in EncodeStream(change, datastore, type, content, budget, from, bin))
            {
                yield return piece;
            }

            yield break;
        }

        if (bin)
        {
            var bytes = content.ReadAll();
            var command = Command(change, datastore, type, ItemData.FromBytes(bytes), moreData: false, size: null, bin: true);
            yield return new OutgoingPiece(command, change, true, DataEstimate(change, datastore, type, bytes.Length, null, bin: true));
            yield break;
        }

        var whole = Command(change, datastore, type, ItemContent.Encode(content.ReadAll(), datastore.Binary), moreData: false, size: null);
        var wholeSize = datastore.Binary ? DataEstimate(change, datastore, type, whole.Items[0].Data!.Text!.Length, null) : OutgoingMessage.Estimate(whole);
        if (wholeSize <= room)
        {
            yield return new OutgoingPiece(whole, change, true, wholeSize);
            yield break;
        }

        var text = whole.Items[0].Data!.Text!;
        var total = datastore.Binary ? content.Length : Encoding.UTF8.GetByteCount(text);
        var start = 0;
        while (start < text.Length)
        {
            var end = datastore.Binary ? B64ChunkEnd(text, start, budget) : TextChunkEnd(text, start, budget);
            var last = end >= text.Length;
            var piece = Command(change, datastore, type, ItemData.FromText(text[start..end]), moreData: !last, size: start == 0 ? total : null);
            var estimate = datastore.Binary ? DataEstimate(change, datastore, type, end - start, start == 0 ? total : null, !last) : OutgoingMessage.Estimate(piece);
            yield return new OutgoingPiece(piece, change, last, estimate);
            start = end;
        }
    }

    /// <summary>
    /// A binary item larger than a message, read from its file one chunk at a time: a whole number of 3-byte groups
    /// per chunk, so each chunk's b64 has no padding but the last and decodes on its own. In bin a chunk is as many bytes
    /// as the budget holds, in an array of its own (the message holding it is written after the next chunk is read).
    /// </summary>
    private static IEnumerable<OutgoingPiece> EncodeStream(LocalChange change, DatastoreInfo datastore, string type, ItemBody content, long budget, long from, bool bin)
    {
        var chunkSize = (int)Math.Max(3, bin ? budget : budget / 4 * 3);
        var buffer = bin ? [] : new byte[chunkSize];
        using var stream = content.OpenRead();
        stream.Seek(from, SeekOrigin.Begin);
        var sent = from;
        while (true)
        {
            var want = (int)Math.Min(chunkSize, content.Length - sent);
            if (bin)
            {
                buffer = new byte[want];
            }

            var read = want == 0 ? 0 : stream.ReadAtLeast(buffer.AsSpan(0, want), want, throwOnEndOfStream: false);

            // The first chunk announces the object's Size; a resumed object continues one the server already has.
            var first = sent == 0;
            sent += read;

            // A file that shrank while it was read ends here; the server then answers 424 (size mismatch) and the
            // item stays a local change for the next run.
            var last = sent >= content.Length || read < want;
            if (bin)
            {
                var chunk = Command(change, datastore, type, ItemData.FromBytes(buffer.AsMemory(0, read)), moreData: !last, size: first ? content.Length : null, bin: true);
                yield return new OutgoingPiece(chunk, change, last, DataEstimate(change, datastore, type, read, first ? content.Length : null, !last, bin: true), sent);
                if (last)
                {
                    yield break;
                }

                continue;
            }

            var b64 = Convert.ToBase64String(buffer, 0, read);
            var piece = Command(change, datastore, type, ItemData.FromText(b64), moreData: !last, size: first ? content.Length : null);
            yield return new OutgoingPiece(piece, change, last, DataEstimate(change, datastore, type, b64.Length, first ? content.Length : null, !last), sent);
            if (last)
            {
                yield break;
            }
        }
    }

    private static ItemCommand Command(LocalChange change, DatastoreInfo datastore, string type, ItemData data, bool moreData, long? size, bool bin = false)
    {
        ItemCommand command = change.Kind == ChangeKind.Add ? new AddCommand() : new ReplaceCommand();
        command.Meta = new MetInf { Type = type, Format = bin ? BinItemData.Format : datastore.Binary ? AuthTypes.FormatB64 : null };
        command.Items.Add(new Item
        {
            Source = new SyncLocation(change.Luid),
            Data = data,
            MoreData = moreData,
            Meta = size == null ? null : new MetInf { Size = size },
        });
        return command;
    }

    /// <summary>
    /// <see cref="OutgoingMessage.Estimate"/> of a command whose data is <paramref name="length"/> characters of b64 (b64
    /// needs no escaping, one byte a character) or, in bin, bytes in one OPAQUE (its token and a length of up to 5 bytes,
    /// WAP-192-WBXML §5.8.4.6), without writing megabytes of XML to count them.
    /// </summary>
    private static long DataEstimate(LocalChange change, DatastoreInfo datastore, string type, int length, long? size, bool moreData = false, bool bin = false) =>
        OutgoingMessage.Estimate(Command(change, datastore, type, ItemData.FromText(string.Empty), moreData, size, bin)) + length + (bin ? 6 : 0);

    private static int B64ChunkEnd(string text, int start, long budget) =>
        (int)Math.Min(text.Length, start + Math.Max(4, budget / 4 * 4));

    // What a character costs in the message: markup characters and CR are escaped (&lt; &amp; &#13;), the rest is UTF-8.
    private static int TextChunkEnd(string text, int start, long budget)
    {
        long used = 0;
        var i = start;
        while (i < text.Length)
        {
            var c = text[i];
            var width = char.IsHighSurrogate(c) && i + 1 < text.Length ? 2 : 1;
            var cost = c switch
            {
                '<' or '>' or '&' or '\r' => 5,
                < (char)0x80 => 1,
                < (char)0x800 => 2,
                _ => width == 2 ? 4 : 3,
            };
            if (used + cost > budget && i > start)
            {
                break;
            }

            used += cost;
            i += width;
        }

        return i;
    }
}
