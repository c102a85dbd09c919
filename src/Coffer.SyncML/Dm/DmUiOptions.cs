using System.Globalization;
using System.Text;

namespace Coffer.SyncML.Dm;

/// <summary>
/// The option string of a user-interaction alert, the Data of its first Item: <c>NAME=VALUE</c> pairs joined by
/// <c>&amp;</c>, values URI-escaped (OMA-TS-DM_Protocol-V1_2 §10.5 "User Interaction Alert options"; §8.6 for
/// where the alert carries it). MINDT/MAXDT are seconds, DR the default response (text for 1102, choice numbers for
/// 1103/1104, "0"/"1" for 1101), MAXLEN the longest input, IT the input type, ET the echo type.
/// </summary>
public sealed class DmUiOptions
{
    /// <summary>MINDT: the text stays at least this many seconds on screen.</summary>
    public int? MinDisplaySeconds { get; set; }

    /// <summary>MAXDT: the device waits at most this many seconds for the user (then the alert times out).</summary>
    public int? MaxDisplaySeconds { get; set; }

    /// <summary>DR: the default response, as the spec words it for the alert at hand.</summary>
    public string? DefaultResponse { get; set; }

    /// <summary>MAXLEN: the longest text input allowed (1102).</summary>
    public int? MaxLength { get; set; }

    /// <summary>IT: the input type (1102).</summary>
    public DmUiInputType? InputType { get; set; }

    /// <summary>ET: the echo type (1102).</summary>
    public DmUiEchoType? EchoType { get; set; }

    /// <summary>Options this version does not know, in the order received (names as sent), so they are written back.</summary>
    public List<KeyValuePair<string, string>> Other { get; } = [];

    /// <summary>
    /// Reads an option string. Names are compared without case and spaces around pairs are ignored (devices vary);
    /// an empty or null string gives no options.
    /// </summary>
    /// <exception cref="SyncMLFormatException">A pair has no name, a number is not a non-negative integer, or IT/ET is not a letter the spec defines.</exception>
    public static DmUiOptions Parse(string? text)
    {
        var options = new DmUiOptions();
        if (string.IsNullOrWhiteSpace(text))
        {
            return options;
        }

        foreach (var pair in text.Split('&'))
        {
            if (pair.Trim().Length == 0)
            {
                continue;
            }

            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = (eq < 0 ? pair : pair[..eq]).Trim();
            var value = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..].Trim());
            if (name.Length == 0)
            {
                throw new SyncMLFormatException($"UI alert option without a name: '{pair}'");
            }

            switch (name.ToUpperInvariant())
            {
                case "MINDT":
                    options.MinDisplaySeconds = Number(name, value);
                    break;
                case "MAXDT":
                    options.MaxDisplaySeconds = Number(name, value);
                    break;
                case "DR":
                    options.DefaultResponse = value;
                    break;
                case "MAXLEN":
                    options.MaxLength = Number(name, value);
                    break;
                case "IT":
                    options.InputType = Letter<DmUiInputType>(name, value);
                    break;
                case "ET":
                    options.EchoType = Letter<DmUiEchoType>(name, value);
                    break;
                default:
                    options.Other.Add(new(name, value));
                    break;
            }
        }

        return options;
    }

    /// <summary>The option string, in the spec's order (MINDT, MAXDT, DR, MAXLEN, IT, ET), then the unknown ones.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        Append(sb, "MINDT", MinDisplaySeconds?.ToString(CultureInfo.InvariantCulture));
        Append(sb, "MAXDT", MaxDisplaySeconds?.ToString(CultureInfo.InvariantCulture));
        Append(sb, "DR", DefaultResponse);
        Append(sb, "MAXLEN", MaxLength?.ToString(CultureInfo.InvariantCulture));
        Append(sb, "IT", InputType is { } it ? ((char)it).ToString() : null);
        Append(sb, "ET", EchoType is { } et ? ((char)et).ToString() : null);
        foreach (var (name, value) in Other)
        {
            Append(sb, name, value);
        }

        return sb.ToString();
    }

    private static void Append(StringBuilder sb, string name, string? value)
    {
        if (value == null)
        {
            return;
        }

        if (sb.Length > 0)
        {
            sb.Append('&');
        }

        sb.Append(name).Append('=').Append(Uri.EscapeDataString(value));
    }

    private static int Number(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new SyncMLFormatException($"UI alert option {name} is not a non-negative integer: '{value}'");

    private static T Letter<T>(string name, string value)
        where T : struct, Enum
    {
        if (value.Length == 1)
        {
            var letter = char.ToUpperInvariant(value[0]);
            foreach (var candidate in Enum.GetValues<T>())
            {
                if (Convert.ToInt32(candidate, CultureInfo.InvariantCulture) == letter)
                {
                    return candidate;
                }
            }
        }

        throw new SyncMLFormatException($"UI alert option {name} has an unknown value: '{value}'");
    }
}
