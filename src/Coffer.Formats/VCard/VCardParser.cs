using System.Text;
using Coffer.Formats.ContentLines;

namespace Coffer.Formats.VCard;

/// <summary>
/// Reads vCard 2.1, 3.0 and 4.0 (one or more BEGIN:VCARD blocks) into <see cref="VCard"/> models.
/// Strict additionally enforces VERSION and the required properties (vCard 2.1 §2.1.1 N, RFC 2426 §5 N+FN,
/// RFC 6350 §6.2.1 FN), the version's ENCODING values, no bare parameters outside 2.1 and valid escapes.
/// </summary>
public static class VCardParser
{
    public static IReadOnlyList<VCard> Parse(string text, VCardParserOptions? options = null)
    {
        options ??= VCardParserOptions.Default;
        return FromComponents(ComponentReader.Read(text, ReaderOptions(options)), options.Compliance);
    }

    /// <summary>Reads 8-bit input, decoding each line in its CHARSET (vCard 2.1 §2.1.5), else UTF-8.</summary>
    public static IReadOnlyList<VCard> Parse(ReadOnlySpan<byte> bytes, VCardParserOptions? options = null)
    {
        options ??= VCardParserOptions.Default;
        return FromComponents(ComponentReader.Read(bytes, ReaderOptions(options)), options.Compliance);
    }

    /// <summary>Converts one BEGIN:VCARD component.</summary>
    public static VCard FromComponent(Component component, ParserCompliance compliance = ParserCompliance.Loose)
    {
        var strict = compliance == ParserCompliance.Strict;
        var card = new VCard { LineNumber = component.LineNumber };
        card.Properties.Capacity = component.Properties.Count;
        var versionLine = component.GetProperty("VERSION");
        card.Version = versionLine is null ? GuessVersion(component, strict) : ParseVersion(versionLine, strict);

        foreach (var line in component.Properties)
        {
            if (line.Name == "VERSION" || IsPlaceholder(line, compliance))
            {
                continue;
            }

            card.Properties.Add(ConvertLine(line, card.Version, compliance));
        }

        if (component.Components.Count > 0 && strict && card.Version != VCardVersion.V2_1)
        {
            // Only vCard 2.1 §2.4.4 (AGENT) nests a vCard; RFC 2426 §3.5.4 puts it in an escaped value.
            throw Error($"Nested BEGIN:{component.Components[0].Name} inside a vCard", component.Components[0].LineNumber);
        }

        if (strict)
        {
            Require(component, card.Version, "N", card.Version != VCardVersion.V4_0);
            Require(component, card.Version, "FN", card.Version != VCardVersion.V2_1);
        }

        return card;
    }

    private static List<VCard> FromComponents(List<Component> roots, ParserCompliance compliance)
    {
        var cards = new List<VCard>();
        foreach (var root in roots)
        {
            if (root.Name != "VCARD")
            {
                if (compliance == ParserCompliance.Strict)
                {
                    throw Error($"BEGIN:{root.Name} is not a vCard", root.LineNumber);
                }

                continue;
            }

            cards.Add(FromComponent(root, compliance));
        }

        if (cards.Count == 0 && compliance == ParserCompliance.Strict)
        {
            throw new PimFormatException("No BEGIN:VCARD found");
        }

        return cards;
    }

    private static VCardProperty ConvertLine(ContentLine line, VCardVersion version, ParserCompliance compliance)
    {
        var strict = compliance == ParserCompliance.Strict;
        var prop = new VCardProperty(line.Name) { Group = line.Group, LineNumber = line.LineNumber };
        var binaryCapable = VCardSchema.IsBinaryCapable(line.Name);
        ContentLineParameter? types = null;
        foreach (var p in line.Parameters)
        {
            var name = p.EffectiveName;
            if (p.IsBare && strict && version != VCardVersion.V2_1)
            {
                // RFC 2426 §4 / RFC 6350 §3.3: every parameter is name=value; bare values are vCard 2.1 only.
                throw Error($"Parameter without a name ';{p.Values[0]}'", line.LineNumber);
            }

            switch (name)
            {
                case "ENCODING":
                    CheckEncoding(line, version, strict);
                    continue;
                case "CHARSET":
                    continue; // applied while decoding (vCard 2.1 §2.1.5)
                case "TYPE":
                    types ??= AddTypeParameter(prop);
                    foreach (var v in p.Values)
                    {
                        if (v.Contains(','))
                        {
                            foreach (var part in v.Split(','))
                            {
                                AddType(types, part);
                            }
                        }
                        else
                        {
                            AddType(types, v);
                        }
                    }

                    continue;
                default:
                    prop.Parameters.Add(new ContentLineParameter(name, p.Values));
                    continue;
            }
        }

        if (binaryCapable)
        {
            ConvertMedia(line, prop, types, version, compliance);
        }
        else
        {
            ConvertText(line, prop, version, compliance);
        }

        if (types is not null && types.Values.Count == 0)
        {
            prop.Parameters.Remove(types);
        }

        return prop;
    }

    private static void AddType(ContentLineParameter types, string value)
    {
        var t = value.Trim();
        if (t.Length == 0)
        {
            return;
        }

        foreach (var existing in types.Values)
        {
            if (string.Equals(existing, t, StringComparison.OrdinalIgnoreCase))
            {
                return;
            }
        }

        types.Values.Add(t);
    }

    private static ContentLineParameter AddTypeParameter(VCardProperty prop)
    {
        var types = new ContentLineParameter("TYPE", []);
        prop.Parameters.Add(types);
        return types;
    }

    private static void ConvertText(ContentLine line, VCardProperty prop, VCardVersion version, ParserCompliance compliance)
    {
        var style = version == VCardVersion.V2_1 ? EscapeStyle.Legacy : EscapeStyle.Rfc;
        var text = Normalize(Decode(line, compliance));
        var kind = VCardSchema.KindOf(line.Name);
        if (line.Name == "TEL" && prop.GetParameter("VALUE") is { } v && v.Equals("uri", StringComparison.OrdinalIgnoreCase))
        {
            kind = VCardPropertyKind.Uri; // RFC 6350 §6.4.1 TEL;VALUE=uri:tel:...
        }

        if (line.Name == "GEO")
        {
            SplitGeo(prop, text, style, compliance);
            return;
        }

        switch (kind)
        {
            case VCardPropertyKind.Text:
                prop.Value = TextEscaping.Unescape(text, style, compliance);
                break;
            case VCardPropertyKind.Uri:
                // URIs are not TEXT (RFC 6350 §4.2) but writers escape them anyway; undo that leniently.
                prop.Value = TextEscaping.Unescape(text, style, ParserCompliance.Loose);
                break;
            case VCardPropertyKind.List:
                prop.Values.Add(StructuredValue.SplitList(text, ',', style, compliance));
                break;
            default:
                StructuredValue.SplitInto(prop.Values, text, style, compliance);
                break;
        }
    }

    /// <summary>
    /// GEO: "lat;lon" (RFC 2426 §3.4.2), "lat,lon" (vCard 2.1 §2.4.2), "geo:lat,lon" (RFC 6350 §6.5.2, RFC 5870).
    /// Empty trailing components are dropped first: SyncEvolution's vCard 2.1 profile writes "lat,lon;". A comma pair
    /// in 3.0 or 4.0 ("lat,lon", or "lat\,lon" from a writer that took it for text) is the same pair.
    /// </summary>
    private static void SplitGeo(VCardProperty prop, string text, EscapeStyle style, ParserCompliance compliance)
    {
        var raw = text.Trim().TrimEnd(';', ' ', '\t');
        if (raw.StartsWith("geo:", StringComparison.OrdinalIgnoreCase))
        {
            var parts = raw[4..].Split(',');
            if (parts.Length == 2 && parts.All(p => p.Length > 0 && !p.Contains(';')))
            {
                prop.Values.Add([parts[0]]);
                prop.Values.Add([parts[1]]);
                return;
            }

            prop.Value = raw;
            return;
        }

        var unescaped = TextEscaping.Unescape(raw, style, ParserCompliance.Loose);
        if (!raw.Contains(';') && unescaped.Split(',') is [var lat, var lon])
        {
            prop.Values.Add([lat.Trim()]);
            prop.Values.Add([lon.Trim()]);
            return;
        }

        StructuredValue.SplitInto(prop.Values, raw, style, compliance);
    }

    private static void ConvertMedia(ContentLine line, VCardProperty prop, ContentLineParameter? types, VCardVersion version, ParserCompliance compliance)
    {
        // vCard 2.1 §2.1.2 / RFC 2426 §3.1.4: on PHOTO, LOGO, SOUND, KEY the TYPE names the media format.
        if (version != VCardVersion.V4_0 && types is { Values.Count: > 0 })
        {
            prop.MediaType = VCardSchema.MimeFromToken(types.Values[0], line.Name);
            types.Values.RemoveAt(0);
        }

        var mediaParam = prop.Parameters.FindIndex(p => p.Name == "MEDIATYPE");
        if (mediaParam >= 0)
        {
            prop.MediaType = prop.Parameters[mediaParam].Values.FirstOrDefault()?.ToLowerInvariant();
            prop.Parameters.RemoveAt(mediaParam); // RFC 6350 §5.7
        }

        if (line.IsBase64 || (line.IsQuotedPrintable && line.Name != "KEY"))
        {
            prop.Binary = ContentLineValue.DecodeBinary(line, compliance);
            prop.Parameters.RemoveAll(p => p.Name == "VALUE" && p.Values.Any(v => v.Equals("binary", StringComparison.OrdinalIgnoreCase)));
            return;
        }

        var text = Decode(line, compliance).Trim();
        if (text.StartsWith("data:", StringComparison.OrdinalIgnoreCase) && DataUri.TryParse(text, out var bytes, out var media))
        {
            prop.Binary = bytes;
            prop.MediaType = media ?? prop.MediaType;
            prop.Parameters.RemoveAll(p => p.Name == "VALUE");
            return;
        }

        var style = version == VCardVersion.V2_1 ? EscapeStyle.Legacy : EscapeStyle.Rfc;
        var valueParam = prop.Parameters.FirstOrDefault(p => p.Name == "VALUE");
        var isUri = valueParam is not null
            ? valueParam.Values.Any(v => v.Equals("uri", StringComparison.OrdinalIgnoreCase) || v.Equals("url", StringComparison.OrdinalIgnoreCase))
            : version == VCardVersion.V4_0 && text.Contains(':'); // RFC 6350 §6.2.4: PHOTO is a URI by default
        if (isUri)
        {
            // One model spelling for "a link": VALUE=uri (2.1 says URL, 4.0 leaves it implicit).
            prop.Parameters.RemoveAll(p => p.Name == "VALUE");
            prop.Parameters.Add(new ContentLineParameter("VALUE", "uri"));
            prop.Value = TextEscaping.Unescape(text, style, ParserCompliance.Loose);
        }
        else
        {
            prop.Value = TextEscaping.Unescape(text, style, compliance);
        }
    }

    private static string Decode(ContentLine line, ParserCompliance compliance) => ContentLineValue.DecodeText(line, compliance);

    private static string Normalize(string text) => text.Contains('\r') ? text.Replace("\r\n", "\n").Replace('\r', '\n') : text;

    private static void CheckEncoding(ContentLine line, VCardVersion version, bool strict)
    {
        if (!strict)
        {
            return;
        }

        var encoding = line.Encoding;
        var allowed = version switch
        {
            VCardVersion.V2_1 => encoding is "7BIT" or "8BIT" or "QUOTED-PRINTABLE" or "BASE64", // vCard 2.1 §2.1.3
            VCardVersion.V3_0 => encoding is "B" or "8BIT", // RFC 2426 §4 "b" only; RFC 2425 §5.8.2 allows 8bit
            _ => false, // RFC 6350 §6.2.4: ENCODING is gone, inline data is a data: URI
        };
        if (!allowed)
        {
            throw Error($"ENCODING={encoding} is not allowed in vCard {Display(version)}", line.LineNumber);
        }
    }

    private static VCardVersion ParseVersion(ContentLine line, bool strict)
    {
        switch (line.Value.Trim())
        {
            case "2.1":
                return VCardVersion.V2_1;
            case "3.0":
                return VCardVersion.V3_0;
            case "4.0":
                return VCardVersion.V4_0;
            default:
                if (strict)
                {
                    throw Error($"Unsupported vCard VERSION '{line.Value}'", line.LineNumber);
                }

                var v = line.Value.Trim();
                return v.StartsWith('4') ? VCardVersion.V4_0 : v.StartsWith('3') ? VCardVersion.V3_0 : VCardVersion.V2_1;
        }
    }

    private static VCardVersion GuessVersion(Component component, bool strict)
    {
        if (strict)
        {
            throw Error("vCard without VERSION", component.LineNumber);
        }

        // Loose: vCard 2.1 markers (bare parameters, quoted-printable) say 2.1, otherwise assume 3.0.
        var legacy = component.Properties.Any(l => l.IsQuotedPrintable || l.Parameters.Any(p => p.IsBare));
        return legacy ? VCardVersion.V2_1 : VCardVersion.V3_0;
    }

    // Checked on the lines: a required N or FN without a value is present for the spec, absent in the model.
    private static void Require(Component component, VCardVersion version, string name, bool required)
    {
        if (required && component.GetProperty(name) is null)
        {
            throw Error($"vCard {Display(version)} requires {name}", component.LineNumber);
        }
    }

    /// <summary>An empty or separators-only value (<c>GEO:,;</c>, <c>ADR;HOME:;;;;;;</c>) is a placeholder: the property is absent.</summary>
    private static bool IsPlaceholder(ContentLine line, ParserCompliance compliance)
    {
        if (!Placeholder.IsPlaceholder(line.Value))
        {
            // Quoted-printable hides nothing but "=" soft breaks and "=XX" octets; decode only values that may be empty.
            return line.IsQuotedPrintable && line.Value.Length < 16 && Placeholder.IsPlaceholder(Decode(line, compliance));
        }

        return true;
    }

    internal static string Display(VCardVersion version) => version switch
    {
        VCardVersion.V2_1 => "2.1",
        VCardVersion.V3_0 => "3.0",
        _ => "4.0",
    };

    private static ContentLineReaderOptions ReaderOptions(VCardParserOptions options) =>
        new() { Compliance = options.Compliance, FallbackCharset = options.FallbackCharset };

    private static PimFormatException Error(string message, int line) => new(message) { Line = line > 0 ? line : null };
}
