using System.Text.Json;
using System.Text.Json.Serialization;

namespace Coffer.Storage;

/// <summary>The stored form of a DM job's consent log (a JSON array, column dm_jobs.decisions).</summary>
public static partial class DmDecisionLog
{
    public static string Write(IReadOnlyList<DmDecision> decisions) =>
        JsonSerializer.Serialize(decisions.Select(d => new Entry(d.Time.ToUnixTimeMilliseconds(), d.Decision)).ToArray(), LogJson.Default.EntryArray);

    public static IReadOnlyList<DmDecision> Read(string json) =>
        (JsonSerializer.Deserialize(json, LogJson.Default.EntryArray) ?? [])
            .Select(e => new DmDecision(DateTimeOffset.FromUnixTimeMilliseconds(e.At), e.Decision)).ToArray();

    internal sealed record Entry(long At, string Decision);

    [JsonSerializable(typeof(Entry[]))]
    internal sealed partial class LogJson : JsonSerializerContext
    {
    }
}
