using System.Text.Json;
using System.Text.Json.Serialization;

namespace Coffer.Dm;

/// <summary>The stored form of a backup: every node in walk order, as JSON (sealed by the store).</summary>
public static partial class DmTreeDocument
{
    public static byte[] Write(IReadOnlyList<DmNode> nodes) =>
        JsonSerializer.SerializeToUtf8Bytes(nodes.Select(n => new Entry(n.Path, n.Format, n.Type, n.Data)).ToArray(), TreeJson.Default.EntryArray);

    public static IReadOnlyList<DmNode> Read(byte[] document) =>
        (JsonSerializer.Deserialize(document, TreeJson.Default.EntryArray) ?? [])
            .Select(e => new DmNode(e.Path, e.Format, e.Type, e.Data)).ToArray();

    internal sealed record Entry(string Path, string Format, string? Type, byte[] Data);

    [JsonSerializable(typeof(Entry[]))]
    internal sealed partial class TreeJson : JsonSerializerContext
    {
    }
}
