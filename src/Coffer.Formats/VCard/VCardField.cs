namespace Coffer.Formats.VCard;

/// <summary>
/// One property of a contact as a form shows it: its position in the card (-1 for a field being added), its name and
/// group, its TYPE values joined with ",", and its value components (items joined with ","). Inline binary data
/// (PHOTO, LOGO, SOUND, KEY) is not edited as text: <see cref="BinaryLength"/> says how much there is, and the field
/// can only be kept or removed.
/// </summary>
public sealed class VCardField
{
    public int Index { get; set; } = -1;

    public string Name { get; set; } = string.Empty;

    public string? Group { get; set; }

    public string Types { get; set; } = string.Empty;

    public List<string> Components { get; set; } = [];

    public int BinaryLength { get; set; }

    public string? MediaType { get; set; }

    /// <summary>Ticked on the form to remove the field.</summary>
    public bool Remove { get; set; }

    public bool IsBinary => BinaryLength > 0;
}
