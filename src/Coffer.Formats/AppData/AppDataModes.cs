namespace Coffer.Formats.AppData;

/// <summary>
/// The backup mode travels as a MIME parameter of the item's content type (<c>coffer-mode=differential</c>, RFC 2045
/// §5.1), beside the file's name, so the server learns it with every item and needs no second channel. An item
/// without the parameter is <see cref="AppDataMode.Incremental"/>.
/// </summary>
public static class AppDataModes
{
    public const string Parameter = "coffer-mode";

    public static string Name(AppDataMode mode) => mode switch
    {
        AppDataMode.Differential => "differential",
        AppDataMode.History => "history",
        _ => "incremental",
    };

    /// <summary>The mode a name spells (<c>incremental</c>, <c>differential</c>, <c>history</c>, any case); null otherwise.</summary>
    public static AppDataMode? Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "incremental" => AppDataMode.Incremental,
        "differential" => AppDataMode.Differential,
        "history" => AppDataMode.History,
        _ => null,
    };

    /// <summary>The mode <paramref name="contentType"/> carries; an unknown or absent one is incremental.</summary>
    public static AppDataMode From(string? contentType)
    {
        foreach (var parameter in (contentType ?? string.Empty).Split(';').Skip(1))
        {
            var pair = parameter.Split('=', 2);
            if (pair.Length == 2 && pair[0].Trim().Equals(Parameter, StringComparison.OrdinalIgnoreCase))
            {
                return Parse(pair[1].Trim().Trim('"')) ?? AppDataMode.Incremental;
            }
        }

        return AppDataMode.Incremental;
    }

    /// <summary>
    /// <paramref name="contentType"/> with its mode parameter set to <paramref name="mode"/> (placed right after the
    /// media type); incremental leaves the parameter out, so the default changes nothing on the wire.
    /// </summary>
    public static string With(string contentType, AppDataMode mode)
    {
        ArgumentNullException.ThrowIfNull(contentType);
        var parts = contentType.Split(';').Select(p => p.Trim()).ToList();
        parts.RemoveAll(p => p.Split('=', 2)[0].Trim().Equals(Parameter, StringComparison.OrdinalIgnoreCase));
        if (mode != AppDataMode.Incremental)
        {
            parts.Insert(1, Parameter + "=" + Name(mode));
        }

        return string.Join("; ", parts);
    }
}
