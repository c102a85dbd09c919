using System.Text.Json.Serialization;

namespace Coffer.Backup;

/// <summary>The manifest's JSON and the table headers of a PostgreSQL snapshot, generated at build time (no reflection: works trimmed and ahead-of-time compiled too).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(BackupManifest))]
[JsonSerializable(typeof(PgSnapshotTable))]
internal sealed partial class BackupJsonContext : JsonSerializerContext
{
}
