using System.Text;
using Coffer.SyncML;
using Coffer.SyncML.Wbxml;

namespace Coffer.Server.Tests.Security;

/// <summary>
/// A small WBXML message that decodes into a huge one: one large string in the string table (WAP-192-WBXML §5.7),
/// referenced with STR_T (§5.8.4.1) from the Data of every Add, each time after one inline character so that a
/// decoder has to build a new string per reference.
/// </summary>
public static class WbxmlBomb
{
    private const string Marker = "@@string-table-reference@@";

    // WAP-192-WBXML §7.1 global tokens.
    private const byte StrI = 0x03;
    private const byte StrT = 0x83;

    public static byte[] Build(SyncMLMessage message, int references, int stringBytes)
    {
        var sync = SyncMessages.Sync();
        for (var i = 0; i < references; i++)
        {
            var add = SyncMessages.Add("bomb-" + i, Marker);
            sync.Commands.Add(add);
        }

        message.Body.Commands.Add(sync);
        SyncMessages.NumberCommands(message);
        var plain = WbxmlEncoder.Encode(SyncMLXml.ToXDocument(message), new WbxmlEncodeOptions { OpaqueItemData = false, UseStringTable = false });

        // version 1.2, public id 0x1201 (SyncML 1.2) as mb_u_int32, charset 106 (UTF-8), empty string table (§5.4).
        byte[] header = [0x02, 0xA4, 0x01, 0x6A, 0x00];
        plain.AsSpan(0, header.Length).SequenceEqual(header).ShouldBeTrue("unexpected WBXML header from the encoder");
        var inline = new byte[] { StrI }.Concat(Encoding.UTF8.GetBytes(Marker)).Append((byte)0).ToArray();
        byte[] reference = [StrI, (byte)'B', 0x00, StrT, 0x00];

        var output = new List<byte>(stringBytes + plain.Length + 16);
        output.AddRange(header.AsSpan(0, 4).ToArray());
        output.AddRange(MultiByte((uint)stringBytes + 1));
        output.AddRange(Enumerable.Repeat((byte)'A', stringBytes));
        output.Add(0);
        var body = plain.AsSpan(header.Length);
        var replaced = 0;
        for (var at = body.IndexOf(inline); at >= 0; at = body.IndexOf(inline))
        {
            output.AddRange(body[..at].ToArray());
            output.AddRange(reference);
            body = body[(at + inline.Length)..];
            replaced++;
        }

        output.AddRange(body.ToArray());
        replaced.ShouldBe(references);
        return [.. output];
    }

    /// <summary>WAP-192-WBXML §5.1 mb_u_int32: 7 bits per byte, most significant first, continuation bit 0x80.</summary>
    private static byte[] MultiByte(uint value)
    {
        var bytes = new List<byte> { (byte)(value & 0x7F) };
        for (value >>= 7; value > 0; value >>= 7)
        {
            bytes.Insert(0, (byte)(0x80 | (value & 0x7F)));
        }

        return [.. bytes];
    }
}
