namespace Coffer.Formats.Merge;

public enum FieldChangeKind
{
    Added,
    Removed,
    Changed,
}
