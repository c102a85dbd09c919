using System.Text;
using Coffer.Formats.ContentLines;

namespace Coffer.Formats.VCard;

/// <summary>
/// Writes a <see cref="VCard"/> as vCard 2.1, 3.0 or 4.0, converting what differs between versions
/// (see docs/vcard.md for what each version cannot represent).
/// </summary>
public static class VCardWriter
{
    private static readonly ContentLineWriterOptions LegacyOptions = new() { LegacyBase64Layout = true };

    /// <summary>Writes in the card's own <see cref="VCard.Version"/>.</summary>
    public static string Write(VCard card) => Write(card, card.Version);

    public static string Write(VCard card, VCardVersion version)
    {
        var sb = new StringBuilder(64 + (card.Properties.Count * 40));
        Write(sb, card, version);
        return sb.ToString();
    }

    public static string Write(IEnumerable<VCard> cards, VCardVersion version)
    {
        var sb = new StringBuilder();
        foreach (var card in cards)
        {
            Write(sb, card, version);
        }

        return sb.ToString();
    }

    public static void Write(StringBuilder output, VCard card, VCardVersion version)
    {
        var options = version == VCardVersion.V2_1 ? LegacyOptions : ContentLineWriterOptions.Default;
        output.Append("BEGIN:VCARD").Append(options.NewLine);

        // RFC 6350 §6.7.9: VERSION must come right after BEGIN (harmless for 2.1/3.0).
        output.Append("VERSION:").Append(VCardParser.Display(version)).Append(options.NewLine);
        foreach (var property in Required(card, version))
        {
            ContentLineWriter.Write(output, ToContentLine(property, version), options);
        }

        foreach (var property in card.Properties)
        {
            if (IsPlaceholder(property))
            {
                continue;
            }

            if (NeedsNoConversion(property, version))
            {
                // Most properties: written straight into the output, as ToContentLine and ContentLineWriter would.
                var start = output.Length;
                if (!string.IsNullOrEmpty(property.Group))
                {
                    output.Append(property.Group).Append('.');
                }

                AppendValue(output.Append(property.Name).Append(':'), property, version);
                ContentLineWriter.EndLine(output, start, options);
                continue;
            }

            ContentLineWriter.Write(output, ToContentLine(property, version), options);
        }

        output.Append("END:VCARD").Append(options.NewLine);
    }

    /// <summary>Converts one property to the content line <paramref name="version"/> needs.</summary>
    public static ContentLine ToContentLine(VCardProperty property, VCardVersion version)
    {
        if (NeedsNoConversion(property, version))
        {
            return new ContentLine { Group = property.Group, Name = property.Name, Value = FormatValue(property, version, EscapeStyle.Rfc, telUri: false) };
        }

        var binaryCapable = VCardSchema.IsBinaryCapable(property.Name);
        var line = new ContentLine { Group = property.Group, Name = property.Name };
        var types = property.Types.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var preferred = types.RemoveAll(t => t.Equals("PREF", StringComparison.OrdinalIgnoreCase)) > 0;
        var telUri = property.Name == "TEL" && property.GetParameter("VALUE") is { } vt && vt.Equals("uri", StringComparison.OrdinalIgnoreCase);

        // Inline data: 2.1 ENCODING=BASE64 + TYPE token (§2.1.3), 3.0 ENCODING=b + TYPE token (RFC 2426 §5.1),
        // 4.0 a data: URI (RFC 6350 §6.2.4).
        if (property.Binary is not null && version != VCardVersion.V4_0)
        {
            line.Parameters.Add(new ContentLineParameter("ENCODING", version == VCardVersion.V2_1 ? "BASE64" : "b"));
        }

        if (binaryCapable && property.MediaType is not null && version != VCardVersion.V4_0)
        {
            types.Insert(0, VCardSchema.TokenFromMime(property.MediaType));
        }

        if (version == VCardVersion.V4_0)
        {
            types = [.. types.Select(t => t.ToLowerInvariant())]; // RFC 6350 §5.6 type values are lower case
        }

        var typeWritten = false;
        void WriteTypes()
        {
            if (typeWritten)
            {
                return;
            }

            typeWritten = true;
            if (version == VCardVersion.V2_1)
            {
                // vCard 2.1 §2.1.2: types are written bare (";HOME;VOICE").
                foreach (var t in types.Where(Representable21))
                {
                    line.Parameters.Add(new ContentLineParameter(null, t));
                }

                if (preferred)
                {
                    line.Parameters.Add(new ContentLineParameter(null, "PREF"));
                }

                return;
            }

            if (preferred && version == VCardVersion.V3_0)
            {
                types.Add("PREF"); // RFC 2426 §3.3.1 TYPE=PREF
            }

            if (types.Count > 0)
            {
                line.Parameters.Add(new ContentLineParameter("TYPE", types));
            }
        }

        if (binaryCapable)
        {
            WriteTypes();
        }

        foreach (var p in property.Parameters)
        {
            var name = p.EffectiveName;
            switch (name)
            {
                case "TYPE":
                    WriteTypes();
                    continue;
                case "PREF":
                    if (version == VCardVersion.V4_0)
                    {
                        line.Parameters.Add(new ContentLineParameter("PREF", p.Values));
                    }
                    else
                    {
                        preferred = true; // RFC 6350 §5.3 PREF=n becomes TYPE=PREF
                    }

                    continue;
                case "VALUE" when binaryCapable || telUri:
                    if (version == VCardVersion.V2_1 && binaryCapable)
                    {
                        line.Parameters.Add(new ContentLineParameter("VALUE", "URL")); // vCard 2.1 §2.1.4
                    }
                    else if (version == VCardVersion.V3_0 && binaryCapable)
                    {
                        line.Parameters.Add(new ContentLineParameter("VALUE", "uri")); // RFC 2426 §5.3
                    }
                    else if (version == VCardVersion.V4_0 && telUri)
                    {
                        line.Parameters.Add(new ContentLineParameter("VALUE", "uri")); // RFC 6350 §6.4.1
                    }

                    continue; // 4.0 media values are URIs by default; 2.1/3.0 TEL is text
                case "ENCODING" or "CHARSET":
                    continue; // recomputed below
            }

            if (version == VCardVersion.V2_1)
            {
                // vCard 2.1 §2.1.2 has no quoting and no value lists: one parameter per value, unquotable ones dropped.
                foreach (var v in p.Values.Where(Representable21))
                {
                    line.Parameters.Add(new ContentLineParameter(name, v));
                }
            }
            else
            {
                line.Parameters.Add(new ContentLineParameter(name, p.Values));
            }
        }

        WriteTypes();
        if (preferred && version == VCardVersion.V4_0 && line.GetParameter("PREF") is null)
        {
            line.Parameters.Add(new ContentLineParameter("PREF", "1"));
        }

        if (preferred && version == VCardVersion.V3_0 && !line.HasParameterValue("TYPE", "PREF"))
        {
            var typeParam = line.Parameters.FirstOrDefault(x => x.Name == "TYPE");
            if (typeParam is null)
            {
                line.Parameters.Add(new ContentLineParameter("TYPE", "PREF"));
            }
            else
            {
                typeParam.Values.Add("PREF");
            }
        }

        if (preferred && version == VCardVersion.V2_1 && !line.HasParameterValue("TYPE", "PREF"))
        {
            line.Parameters.Add(new ContentLineParameter(null, "PREF"));
        }

        if (property.Binary is not null)
        {
            line.Value = version == VCardVersion.V4_0 ? DataUri.Format(property.Binary, property.MediaType) : Base64Value.Encode(property.Binary);
            return line;
        }

        if (binaryCapable && version == VCardVersion.V4_0 && property.MediaType is not null)
        {
            line.Parameters.Add(new ContentLineParameter("MEDIATYPE", property.MediaType)); // RFC 6350 §5.7
        }

        var style = version == VCardVersion.V2_1 ? EscapeStyle.Legacy : EscapeStyle.Rfc;
        line.Value = FormatValue(property, version, style, telUri);
        if (version == VCardVersion.V2_1)
        {
            ApplyQuotedPrintable(line);
        }

        return line;
    }

    /// <summary>
    /// A property without data is absent (see <see cref="Placeholder"/>): no binary and no value, or for structured and
    /// list values nothing but separators (a stored <c>GEO:\,;</c> is the vCard 2.1 placeholder <c>GEO:,;</c>).
    /// A text value of separators only ("," as a NOTE) is kept: escaped, it is data in 3.0 and 4.0.
    /// </summary>
    private static bool IsPlaceholder(VCardProperty property)
    {
        if (property.Binary is not null)
        {
            return property.Binary.Length == 0;
        }

        return VCardSchema.KindOf(property.Name) is VCardPropertyKind.Text or VCardPropertyKind.Uri
            ? property.Values.All(c => c.All(string.IsNullOrWhiteSpace))
            : Placeholder.IsPlaceholder(property.Values);
    }

    /// <summary>No parameter to carry over or convert, no inline data, a value that needs only escaping (3.0 and 4.0).</summary>
    private static bool NeedsNoConversion(VCardProperty property, VCardVersion version) =>
        version != VCardVersion.V2_1 && property.Parameters.Count == 0 && property.Binary is null
        && !(property.MediaType is not null && VCardSchema.IsBinaryCapable(property.Name));

    /// <summary>What <see cref="FormatValue"/> gives for a property <see cref="NeedsNoConversion"/>, appended in place.</summary>
    private static void AppendValue(StringBuilder output, VCardProperty property, VCardVersion version)
    {
        switch (property.Name == "GEO" ? (VCardPropertyKind?)null : VCardSchema.KindOf(property.Name))
        {
            case VCardPropertyKind.Text when property.Values is [[var text]]:
                TextEscaping.AppendEscaped(output, text, EscapeStyle.Rfc);
                return;
            case VCardPropertyKind.Structured:
                StructuredValue.AppendJoined(output, property.Values, EscapeStyle.Rfc);
                return;
            default:
                output.Append(FormatValue(property, version, EscapeStyle.Rfc, telUri: false));
                return;
        }
    }

    private static string FormatValue(VCardProperty property, VCardVersion version, EscapeStyle style, bool telUri)
    {
        if (property.Name == "GEO" && property.Values is [[var lat], [var lon]])
        {
            return version switch
            {
                VCardVersion.V2_1 => lat + "," + lon, // vCard 2.1 §2.4.2
                VCardVersion.V3_0 => lat + ";" + lon, // RFC 2426 §3.4.2
                _ => "geo:" + lat + "," + lon, // RFC 6350 §6.5.2
            };
        }

        var kind = VCardSchema.KindOf(property.Name);
        if (telUri)
        {
            if (version != VCardVersion.V4_0)
            {
                // vCard 2.1/3.0 TEL is text: "tel:+1-555" becomes "+1-555".
                var number = property.Value;
                return TextEscaping.Escape(number.StartsWith("tel:", StringComparison.OrdinalIgnoreCase) ? number[4..] : number, style);
            }

            kind = VCardPropertyKind.Uri;
        }

        return kind switch
        {
            VCardPropertyKind.Text => TextEscaping.Escape(property.Value, style),
            VCardPropertyKind.Uri => property.Value, // RFC 6350 §4.2: URIs are not escaped
            VCardPropertyKind.List => string.Join(',', property.Values.SelectMany(c => c).Select(i => TextEscaping.Escape(i, style))),
            _ => StructuredValue.Join(property.Values, style),
        };
    }

    /// <summary>
    /// vCard 2.1 §2.1.3: values with line breaks or non-ASCII text travel quoted-printable, in UTF-8 with
    /// CHARSET (§2.1.5). Over-long lines too: 2.1 folding may only happen at whitespace, soft breaks anywhere.
    /// </summary>
    private static void ApplyQuotedPrintable(ContentLine line)
    {
        var value = line.Value;
        var ascii = value.All(c => c < 0x80);
        var multiLine = value.Contains('\n') || value.Contains('\r');
        if (ascii && !multiLine && ContentLineWriter.FormatUnfolded(line).Length <= 75)
        {
            return;
        }

        var crlf = value.Replace("\r\n", "\n").Replace('\r', '\n').Replace("\n", "\r\n");
        line.Value = QuotedPrintable.Encode(Encoding.UTF8.GetBytes(crlf));
        line.Parameters.Add(new ContentLineParameter("ENCODING", "QUOTED-PRINTABLE"));
        if (!ascii)
        {
            line.Parameters.Add(new ContentLineParameter("CHARSET", "UTF-8"));
        }

    }

    /// <summary>vCard 2.1 §2.1.2 parameter values are unquoted words: no delimiters, quotes or whitespace.</summary>
    internal static bool Representable21(string value) =>
        value.Length > 0 && value.All(c => c > ' ' && c < 0x7F && c is not (',' or ';' or ':' or '"' or '=' or '[' or ']'));

    /// <summary>The properties a version requires that the card lacks (vCard 2.1 N, RFC 2426 §5 N+FN, RFC 6350 FN).</summary>
    private static List<VCardProperty> Required(VCard card, VCardVersion version)
    {
        var required = new List<VCardProperty>(0);
        if (version != VCardVersion.V4_0 && !card.Properties.Exists(p => p.Name == "N" && !IsPlaceholder(p)))
        {
            required.Add(new VCardProperty("N", string.Empty, string.Empty, string.Empty, string.Empty, string.Empty));
        }

        if (version != VCardVersion.V2_1 && !card.Properties.Exists(p => p.Name == "FN" && !IsPlaceholder(p)))
        {
            var n = card.Name;
            var fn = n is null ? string.Empty : string.Join(' ', new[] { n.Prefix, n.Given, n.Additional, n.Family, n.Suffix }.Where(s => s.Length > 0));
            required.Add(new VCardProperty("FN", fn));
        }

        return required;
    }
}
