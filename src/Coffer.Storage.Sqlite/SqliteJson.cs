using System.Text.Json.Serialization;

namespace Coffer.Storage.Sqlite;

/// <summary>Source-generated JSON for the key lists passed to SQLite's json_each (no reflection per call).</summary>
[JsonSerializable(typeof(IReadOnlyCollection<string>))]
internal sealed partial class SqliteJson : JsonSerializerContext
{
}
