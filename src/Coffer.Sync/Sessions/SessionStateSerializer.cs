using System.Text.Json;
using System.Text.Json.Serialization;

namespace Coffer.Sync.Sessions;

/// <summary>Session state ⇄ bytes for the store (JSON: readable in a support case, tolerant of added fields).</summary>
public static class SessionStateSerializer
{
    private static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static byte[] Serialize(SessionState state) => JsonSerializer.SerializeToUtf8Bytes(state, Options);

    public static SessionState Deserialize(byte[] data) =>
        JsonSerializer.Deserialize<SessionState>(data, Options) ?? throw new InvalidOperationException("empty session state");
}
