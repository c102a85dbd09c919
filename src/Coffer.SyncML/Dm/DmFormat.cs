namespace Coffer.SyncML.Dm;

/// <summary>
/// Meta Format values of DM tree nodes (OMA-TS-DM_TND-V1_2 §7.7.7 Format; OMA-TS-SyncML_MetaInfo-V1_2 §5.2.6).
/// </summary>
public static class DmFormat
{
    /// <summary>An interior node; its value (from Get) is the list of child names, <c>/</c>-separated.</summary>
    public const string Node = "node";

    public const string Chr = "chr";

    public const string Int = "int";

    public const string Bool = "bool";

    public const string Bin = "bin";

    public const string B64 = "b64";

    public const string Xml = "xml";

    public const string Null = "null";

    public const string Date = "date";

    public const string Time = "time";

    public const string Float = "float";

    private static readonly string[] All = [Node, Chr, Int, Bool, Bin, B64, Xml, Null, Date, Time, Float];

    /// <summary>Every format DM 1.2 defines.</summary>
    public static IReadOnlyList<string> Values => All;

    /// <summary>Whether <paramref name="format"/> is one of <see cref="Values"/> (exact: the formats are lower case).</summary>
    public static bool IsKnown(string? format) => format != null && Array.IndexOf(All, format) >= 0;

    /// <summary>A Meta Format absent from an item means chr (OMA-TS-DM_TND-V1_2 §7.7.7: chr is the default).</summary>
    public static string OrDefault(string? format) => string.IsNullOrEmpty(format) ? Chr : format;
}
