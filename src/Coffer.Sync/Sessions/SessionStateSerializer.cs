using System.Text.Json;

namespace Coffer.Sync.Sessions;

/// <summary>
/// Session state ⇄ bytes for the store (JSON: readable in a support case, tolerant of added fields). Every message
/// reads and writes it, so the converters are generated at build time (<see cref="SessionStateJson"/>); the JSON is
/// the same as the reflection-based serializer writes.
/// </summary>
public static class SessionStateSerializer
{
    public static byte[] Serialize(SessionState state) => JsonSerializer.SerializeToUtf8Bytes(state, SessionStateJson.Default.SessionState);

    public static SessionState Deserialize(byte[] data) =>
        JsonSerializer.Deserialize(data, SessionStateJson.Default.SessionState) ?? throw new InvalidOperationException("empty session state");
}
