using System.Buffers.Binary;
using System.Text;

namespace Coffer.SyncML.San;

/// <summary>
/// Reads and writes the parts the DS and DM package #0 layouts share (the digest and the notification header,
/// <see cref="NotificationHeader"/>), with errors that name which package it was.
/// </summary>
internal static class NotificationWire
{
    /// <summary>10+2+1+27+16 bits and the 8-bit identifier length.</summary>
    public const int HeaderFixedLength = 8;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static NotificationHeader ReadHeader(ReadOnlySpan<byte> package, ref int pos, string kind)
    {
        var header = Take(package, ref pos, HeaderFixedLength, "notification header", kind);
        ulong bits = ((ulong)BinaryPrimitives.ReadUInt32BigEndian(header) << 8) | header[4];
        return new NotificationHeader
        {
            Version = (int)(bits >> 30),
            UiMode = (SanUiMode)((bits >> 28) & 0x3),
            Initiator = (SanInitiator)((bits >> 27) & 0x1),
            FutureUse = (uint)(bits & 0x7FF_FFFF),
            SessionId = BinaryPrimitives.ReadUInt16BigEndian(header[5..]),
            ServerIdentifier = Text(package, ref pos, header[7], "server identifier", kind),
        };
    }

    public static void WriteHeader(MemoryStream ms, NotificationHeader h, string kind)
    {
        Check(h.Version is >= 0 and <= 0x3FF, "version must fit 10 bits", kind);
        Check(h.UiMode is >= SanUiMode.NotSpecified and <= SanUiMode.UserInteraction, "ui-mode must fit 2 bits", kind);
        Check(h.Initiator is SanInitiator.User or SanInitiator.Server, "initiator must fit 1 bit", kind);
        Check(h.FutureUse <= 0x7FF_FFFF, "header future-use must fit 27 bits", kind);

        ulong bits = ((ulong)h.Version << 30) | ((ulong)h.UiMode << 28) | ((ulong)h.Initiator << 27) | h.FutureUse;
        Span<byte> header = stackalloc byte[HeaderFixedLength - 1];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)(bits >> 8));
        header[4] = (byte)bits;
        BinaryPrimitives.WriteUInt16BigEndian(header[5..], h.SessionId);
        ms.Write(header);
        WriteText(ms, h.ServerIdentifier, "server identifier", kind);
    }

    public static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> package, ref int pos, int length, string what, string kind)
    {
        if (package.Length - pos < length)
        {
            throw new SyncMLFormatException($"{kind} package truncated in the {what}: {length} bytes needed at offset {pos}, {package.Length - pos} left")
            {
                Position = pos,
            };
        }

        var slice = package.Slice(pos, length);
        pos += length;
        return slice;
    }

    public static string Text(ReadOnlySpan<byte> package, ref int pos, int length, string what, string kind)
    {
        var start = pos;
        var bytes = Take(package, ref pos, length, what, kind);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new SyncMLFormatException($"{kind} {what} is not UTF-8", ex) { Position = start };
        }
    }

    public static void WriteText(MemoryStream ms, string? text, string what, string kind)
    {
        var bytes = StrictUtf8.GetBytes(text ?? string.Empty);
        Check(bytes.Length <= byte.MaxValue, $"{what} longer than 255 bytes", kind);
        ms.WriteByte((byte)bytes.Length);
        ms.Write(bytes);
    }

    public static void Check(bool ok, string message, string kind)
    {
        if (!ok)
        {
            throw new SyncMLFormatException($"Cannot encode {kind}: " + message);
        }
    }
}
