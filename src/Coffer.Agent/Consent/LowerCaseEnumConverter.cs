using System.Text.Json;
using System.Text.Json.Serialization;

namespace Coffer.Agent.Consent;

/// <summary>Writes an enum as its lower-case name (<c>roaming</c>), as the command line spells it; reads any case.</summary>
public sealed class LowerCaseEnumConverter<T>() : JsonStringEnumConverter<T>(JsonNamingPolicy.CamelCase)
    where T : struct, Enum;
