using System.Text.Json.Serialization;

namespace Coffer.Agent.Consent;

/// <summary>What the device's connection costs: unmetered transfers freely; metered and roaming ask first (seed 004).</summary>
[JsonConverter(typeof(LowerCaseEnumConverter<ConnectionKind>))]
public enum ConnectionKind
{
    Unmetered,
    Metered,
    Roaming,
}
