namespace Coffer.Formats.VCard;

/// <summary>
/// One contact. <see cref="Properties"/> holds every property in input order except BEGIN, END and VERSION
/// (<see cref="Version"/>), unknown and X- properties included; the typed members are views on them.
/// </summary>
public sealed class VCard
{
    public VCardVersion Version { get; set; } = VCardVersion.V3_0;

    public List<VCardProperty> Properties { get; } = [];

    /// <summary>1-based line of BEGIN:VCARD in the input, 0 when built in code.</summary>
    public int LineNumber { get; set; }

    public VCardProperty? GetProperty(string name)
    {
        foreach (var p in Properties)
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return p;
            }
        }

        return null;
    }

    public IEnumerable<VCardProperty> GetProperties(string name) =>
        Properties.Where(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Replaces every property of that name with one holding <paramref name="value"/>; null removes them.</summary>
    public void SetText(string name, string? value)
    {
        var index = Properties.FindIndex(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
        Properties.RemoveAll(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
        if (value is not null)
        {
            Properties.Insert(index < 0 ? Properties.Count : index, new VCardProperty(name, value));
        }
    }

    /// <summary>FN (RFC 6350 §6.2.1).</summary>
    public string? FormattedName
    {
        get => GetProperty("FN")?.Value;
        set => SetText("FN", value);
    }

    /// <summary>N (RFC 6350 §6.2.2), or null.</summary>
    public VCardName? Name
    {
        get
        {
            var n = GetProperty("N");
            return n is null ? null : new VCardName(n.Component(0), n.Component(1), n.Component(2), n.Component(3), n.Component(4));
        }

        set
        {
            if (value is null)
            {
                SetText("N", null);
                return;
            }

            SetText("N", string.Empty);
            var n = GetProperty("N")!;
            n.Values.Clear();
            foreach (var part in new[] { value.Family, value.Given, value.Additional, value.Prefix, value.Suffix })
            {
                n.Values.Add([part]);
            }
        }
    }

    public string? Uid
    {
        get => GetProperty("UID")?.Value;
        set => SetText("UID", value);
    }

    /// <summary>REV as written (a timestamp, RFC 6350 §6.7.4).</summary>
    public string? Revision
    {
        get => GetProperty("REV")?.Value;
        set => SetText("REV", value);
    }

    public string? Note
    {
        get => GetProperty("NOTE")?.Value;
        set => SetText("NOTE", value);
    }

    public string? Birthday
    {
        get => GetProperty("BDAY")?.Value;
        set => SetText("BDAY", value);
    }

    /// <summary>ORG components (organization name, units).</summary>
    public IReadOnlyList<string> Organization => GetProperty("ORG")?.Values.Select(c => string.Join(',', c)).ToList() ?? [];

    public IReadOnlyList<string> Categories => [.. GetProperties("CATEGORIES").SelectMany(p => p.Values.SelectMany(c => c))];

    public IReadOnlyList<VCardTelephone> Telephones =>
        [.. GetProperties("TEL").Select(p => new VCardTelephone(p.Value, p.Types.ToList(), p.IsPreferred))];

    public IReadOnlyList<VCardEmail> Emails =>
        [.. GetProperties("EMAIL").Select(p => new VCardEmail(p.Value, p.Types.ToList(), p.IsPreferred))];

    public IReadOnlyList<VCardAddress> Addresses =>
        [.. GetProperties("ADR").Select(p => new VCardAddress(
            p.Component(0), p.Component(1), p.Component(2), p.Component(3), p.Component(4), p.Component(5), p.Component(6), p.Types.ToList()))];

    public VCardProperty? Photo => GetProperty("PHOTO");

    /// <summary>The inline PHOTO bytes, or null when there is none or it is a link.</summary>
    public byte[]? PhotoBytes => Photo?.Binary;

    /// <summary>PHOTO's MIME type ("image/jpeg"), when known.</summary>
    public string? PhotoMediaType => Photo?.MediaType;

    /// <summary>Sets PHOTO to inline data.</summary>
    public void SetPhoto(byte[] bytes, string mediaType)
    {
        Properties.RemoveAll(p => p.Name == "PHOTO");
        Properties.Add(new VCardProperty("PHOTO") { Binary = bytes, MediaType = mediaType });
    }

    public VCard Clone()
    {
        var copy = new VCard { Version = Version, LineNumber = LineNumber };
        copy.Properties.AddRange(Properties.Select(p => p.Clone()));
        return copy;
    }
}
