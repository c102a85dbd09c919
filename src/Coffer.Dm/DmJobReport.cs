using System.Text.Json;
using System.Text.Json.Serialization;

namespace Coffer.Dm;

/// <summary>A DM job's report as stored (dm_jobs.report): the backup it made or used, a backup's name, and for a restore every node's outcome.</summary>
public sealed record DmJobReport(long? Snapshot, int Nodes, long Bytes, IReadOnlyList<DmReportEntry> Entries, string? Label = null)
{
    public string ToJson() => JsonSerializer.Serialize(this, DmJobReportJson.Default.DmJobReport);

    public static DmJobReport? FromJson(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize(json, DmJobReportJson.Default.DmJobReport);
}

/// <summary>Source-generated JSON of <see cref="DmJobReport"/>, camel-cased as the JSON API shows it.</summary>
[JsonSerializable(typeof(DmJobReport))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class DmJobReportJson : JsonSerializerContext
{
}
