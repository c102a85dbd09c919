using Coffer.Formats.ContentLines;

namespace Coffer.Formats.VCard;

/// <summary>
/// Field-by-field editing of a contact (docs/web.md "Contacts"): <see cref="Fields"/> lists every property of the
/// card, unknown and X- ones included; <see cref="Apply"/> takes the form back. A field that comes back as it was
/// shown is kept as it was — its parameters, group and any detail the form does not show (so a property no form
/// knows survives an edit untouched); a changed field keeps its group and other parameters and takes the new TYPE and
/// value; a removed one or one emptied is dropped; added fields are appended.
/// </summary>
public static class VCardFieldEditor
{
    /// <summary>The card's properties as form fields, in card order.</summary>
    public static List<VCardField> Fields(VCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var fields = new List<VCardField>(card.Properties.Count);
        for (var i = 0; i < card.Properties.Count; i++)
        {
            var p = card.Properties[i];
            fields.Add(new VCardField
            {
                Index = i,
                Name = p.Name,
                Group = p.Group,
                Types = string.Join(',', p.Types),
                Components = Components(p),
                BinaryLength = p.Binary?.Length ?? 0,
                MediaType = p.MediaType,
            });
        }

        return fields;
    }

    /// <summary>
    /// The card after the form's changes. <paramref name="posted"/> are the fields as the form sent them; a field of
    /// the card missing from them is removed, as is one sent with <see cref="VCardField.Remove"/>.
    /// </summary>
    public static VCard Apply(VCard card, IEnumerable<VCardField> posted)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(posted);
        var byIndex = new Dictionary<int, VCardField>();
        var added = new List<VCardField>();
        foreach (var field in posted)
        {
            if (field.Index >= 0 && field.Index < card.Properties.Count)
            {
                byIndex[field.Index] = field;
            }
            else if (field.Index < 0)
            {
                added.Add(field);
            }
        }

        var result = new VCard { Version = card.Version };
        for (var i = 0; i < card.Properties.Count; i++)
        {
            var original = card.Properties[i];
            if (!byIndex.TryGetValue(i, out var field) || field.Remove)
            {
                continue;
            }

            if (original.Binary != null)
            {
                // Binary data is never sent back through a form: kept as it is unless removed.
                result.Properties.Add(original.Clone());
                continue;
            }

            var values = Clean(field.Components);
            if (values.All(v => v.Length == 0))
            {
                continue;
            }

            var types = SplitTypes(field.Types);
            var shownValues = Components(original);
            var shownTypes = original.Types.ToList();
            if (values.SequenceEqual(Trimmed(shownValues)) && types.SequenceEqual(shownTypes, StringComparer.OrdinalIgnoreCase))
            {
                result.Properties.Add(original.Clone());
                continue;
            }

            var changed = original.Clone();
            SetTypes(changed, types);
            changed.Values.Clear();
            for (var c = 0; c < values.Count; c++)
            {
                // An unchanged component keeps its items as they were (a list the form showed joined).
                changed.Values.Add(c < shownValues.Count && values[c] == shownValues[c].Trim() && c < original.Values.Count
                    ? original.Values[c].ToList()
                    : Items(original.Name, values[c]));
            }

            result.Properties.Add(changed);
        }

        foreach (var field in added)
        {
            // A form binds an empty input as null whatever the declared type.
            var name = (field.Name ?? string.Empty).Trim();
            var values = Clean(field.Components);
            if (field.Remove || name.Length == 0 || values.All(v => v.Length == 0))
            {
                continue;
            }

            if (!IsValidName(name))
            {
                throw new PimFormatException($"'{name}' is not a property name (letters, digits and '-').");
            }

            var property = new VCardProperty(name) { Group = string.IsNullOrWhiteSpace(field.Group) ? null : field.Group.Trim() };
            SetTypes(property, SplitTypes(field.Types));
            if (values.Count == 1 && VCardFieldNames.PartsOf(name).Count > 1)
            {
                // A structured field added as one text gives its parts separated by ";" (RFC 6350 §3.3).
                values = [.. values[0].Split(';').Select(v => v.Trim())];
            }

            foreach (var value in values)
            {
                property.Values.Add(Items(name, value));
            }

            result.Properties.Add(property);
        }

        return result;
    }

    private static List<string> Components(VCardProperty p) =>
        p.Binary != null ? [] : [.. p.Values.Select(c => string.Join(',', c))];

    private static List<string> Trimmed(List<string> values)
    {
        var t = values.Select(v => v.Trim()).ToList();
        while (t.Count > 1 && t[^1].Length == 0)
        {
            t.RemoveAt(t.Count - 1);
        }

        return t;
    }

    private static List<string> Clean(List<string>? components) => Trimmed((components ?? []).Select(c => (c ?? string.Empty).ReplaceLineEndings("\n")).ToList());

    private static List<string> Items(string name, string value) =>
        VCardFieldNames.IsList(name) ? [.. value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)] : [value];

    private static List<string> SplitTypes(string? types) =>
        [.. (types ?? string.Empty).Split([',', ' ', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(t => t.ToUpperInvariant())];

    private static void SetTypes(VCardProperty property, List<string> types)
    {
        var at = property.Parameters.FindIndex(p => p.Means("TYPE"));
        property.Parameters.RemoveAll(p => p.Means("TYPE"));
        if (types.Count == 0)
        {
            return;
        }

        var parameter = new ContentLineParameter("TYPE", types[0]);
        parameter.Values.AddRange(types.Skip(1));
        property.Parameters.Insert(at < 0 ? property.Parameters.Count : Math.Min(at, property.Parameters.Count), parameter);
    }

    private static bool IsValidName(string name) =>
        name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') && char.IsAsciiLetter(name[0]);
}
