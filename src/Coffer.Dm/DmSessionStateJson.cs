using System.Text.Json;
using System.Text.Json.Serialization;

namespace Coffer.Dm;

/// <summary>Source-generated JSON of <see cref="DmSessionState"/> (no reflection per message).</summary>
[JsonSerializable(typeof(DmSessionState))]
[JsonSourceGenerationOptions(UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class DmSessionStateJson : JsonSerializerContext
{
    public static byte[] Write(DmSessionState state) => JsonSerializer.SerializeToUtf8Bytes(state, Default.DmSessionState);

    public static DmSessionState Read(byte[] state) =>
        JsonSerializer.Deserialize(state, Default.DmSessionState) ?? throw new InvalidDataException("empty DM session state");

}
