using System.Text.Json.Serialization;

namespace Coffer.Sync.Sessions;

/// <summary>The generated JSON converters of <see cref="SessionState"/> (<see cref="SessionStateSerializer"/>).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SessionState))]
internal sealed partial class SessionStateJson : JsonSerializerContext;
