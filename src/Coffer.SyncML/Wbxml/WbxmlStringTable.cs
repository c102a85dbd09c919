using System.Text;

namespace Coffer.SyncML.Wbxml;

/// <summary>The string table an encoder builds (WAP-192-WBXML §5.7): UTF-8 strings, each NUL-terminated, found by byte offset.</summary>
internal sealed class WbxmlStringTable
{
    private readonly Dictionary<string, uint> offsets = new(StringComparer.Ordinal);
    private readonly MemoryStream bytes = new();

    public int Length => (int)bytes.Length;

    public uint Add(string s)
    {
        if (!offsets.TryGetValue(s, out var offset))
        {
            offset = (uint)bytes.Length;
            bytes.Write(Encoding.UTF8.GetBytes(s));
            bytes.WriteByte(0);
            offsets[s] = offset;
        }

        return offset;
    }

    public void WriteTo(Stream stream) => bytes.WriteTo(stream);
}
