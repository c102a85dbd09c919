namespace Coffer.Formats.ContentLines;

/// <summary>Removes a content line's transfer encoding (ENCODING / CHARSET parameters) from its value.</summary>
public static class ContentLineValue
{
    /// <summary>
    /// The value as text, transfer encoding removed and CHARSET applied (vCard 2.1 §2.1.3, §2.1.5) but still
    /// escaped: in vCard 2.1 the escapes live inside the quoted-printable text.
    /// </summary>
    public static string DecodeText(ContentLine line, ParserCompliance compliance = ParserCompliance.Loose)
    {
        if (line.IsQuotedPrintable)
        {
            var bytes = Wrap(line, () => QuotedPrintable.Decode(line.Value, compliance));
            return ContentLineCharsets.Decode(bytes, line.GetParameter("CHARSET"), compliance, null, line.LineNumber);
        }

        if (line.IsBase64)
        {
            var bytes = Wrap(line, () => Base64Value.Decode(line.Value, compliance));
            return ContentLineCharsets.Decode(bytes, line.GetParameter("CHARSET"), compliance, null, line.LineNumber);
        }

        return line.Value;
    }

    /// <summary>The value's octets: base64 or quoted-printable decoded, otherwise the UTF-8 of the text.</summary>
    public static byte[] DecodeBinary(ContentLine line, ParserCompliance compliance = ParserCompliance.Loose)
    {
        if (line.IsBase64)
        {
            return Wrap(line, () => Base64Value.Decode(line.Value, compliance));
        }

        if (line.IsQuotedPrintable)
        {
            return Wrap(line, () => QuotedPrintable.Decode(line.Value, compliance));
        }

        return System.Text.Encoding.UTF8.GetBytes(line.Value);
    }

    private static byte[] Wrap(ContentLine line, Func<byte[]> decode)
    {
        try
        {
            return decode();
        }
        catch (PimFormatException ex) when (ex.Line is null && line.LineNumber > 0)
        {
            throw new PimFormatException($"{line.Name}: {ex.Message}", ex) { Line = line.LineNumber };
        }
    }
}
