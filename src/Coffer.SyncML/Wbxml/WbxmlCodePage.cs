using System.Xml.Linq;

namespace Coffer.SyncML.Wbxml;

/// <summary>One tag code page of a SyncML-family WBXML language: tokens 0x05-0x3F and their element names.</summary>
internal sealed class WbxmlCodePage
{
    private readonly List<Entry> entries = [];

    public WbxmlCodePage(byte page, XNamespace ns)
    {
        Page = page;
        Namespace = ns;
    }

    public byte Page { get; }

    public XNamespace Namespace { get; }

    /// <summary>Adds a tag valid from protocol minor version <paramref name="since"/> up to <paramref name="until"/>.</summary>
    public WbxmlCodePage Add(byte token, string name, int since = 0, int until = int.MaxValue)
    {
        entries.Add(new Entry(token, name, since, until));
        return this;
    }

    /// <summary>The element name of a token in a document of the given minor version; a token of another version when not strict.</summary>
    public string? NameOf(byte token, int minor, bool strict)
    {
        Entry? fallback = null;
        foreach (var e in entries)
        {
            if (e.Token != token)
            {
                continue;
            }

            if (minor >= e.Since && minor <= e.Until)
            {
                return e.Name;
            }

            fallback = e;
        }

        return strict ? null : fallback?.Name;
    }

    /// <summary>The token of an element name; names of other versions of the language are accepted unless strict.</summary>
    public bool TryGetToken(string name, int minor, bool strict, out byte token)
    {
        foreach (var e in entries)
        {
            if (e.Name == name && (!strict || (minor >= e.Since && minor <= e.Until)))
            {
                token = e.Token;
                return true;
            }
        }

        token = 0;
        return false;
    }

    private sealed record Entry(byte Token, string Name, int Since, int Until);
}
