namespace Coffer.Formats.Merge;

/// <summary>
/// One field of an item in comparable form: <see cref="Value"/> is the normalized value (what "changed" means),
/// <see cref="Source"/> the property or nested component it stands for.
/// </summary>
internal sealed record Field(string Name, string Types, string Value, bool Preferred, object Source)
{
    public bool SameContent(Field other) => Name == other.Name && Types == other.Types && Value == other.Value;

    public IEnumerable<string> TypeSet => Types.Length == 0 ? [] : Types.Split(',');
}
