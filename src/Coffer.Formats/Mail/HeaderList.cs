using System.Collections;

namespace Coffer.Formats.Mail;

/// <summary>The header fields of a message or MIME entity in their original order; names compare case-insensitively.</summary>
public sealed class HeaderList : IReadOnlyList<Header>
{
    private readonly List<Header> headers = [];

    public int Count => headers.Count;

    public Header this[int index] => headers[index];

    /// <summary>The value of the first field named <paramref name="field"/>, or null.</summary>
    public string? this[string field] => Find(field)?.Value;

    public Header? Find(string field) => headers.Find(h => h.Field.Equals(field, StringComparison.OrdinalIgnoreCase));

    public IEnumerable<Header> FindAll(string field) => headers.Where(h => h.Field.Equals(field, StringComparison.OrdinalIgnoreCase));

    public bool Contains(string field) => Find(field) != null;

    public void Add(Header header) => headers.Add(header);

    public void Add(string field, string value) => headers.Add(new Header(field, value));

    /// <summary>Replaces the first field of that name in place (removing any others), or appends it.</summary>
    public void Set(string field, string value)
    {
        var header = new Header(field, value);
        var index = headers.FindIndex(h => h.Field.Equals(field, StringComparison.OrdinalIgnoreCase));
        if (index < 0)
        {
            headers.Add(header);
            return;
        }

        headers[index] = header;
        for (var i = headers.Count - 1; i > index; i--)
        {
            if (headers[i].Field.Equals(field, StringComparison.OrdinalIgnoreCase))
            {
                headers.RemoveAt(i);
            }
        }
    }

    public int RemoveAll(string field) => headers.RemoveAll(h => h.Field.Equals(field, StringComparison.OrdinalIgnoreCase));

    public IEnumerator<Header> GetEnumerator() => headers.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
