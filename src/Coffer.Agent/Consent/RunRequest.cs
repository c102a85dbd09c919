using System.Text.Json.Serialization;
using Coffer.Agent.Runs;

namespace Coffer.Agent.Consent;

/// <summary>A run as the user asked for it: backup, sync or restore, of some datastores (none: those configured), a restore's target.</summary>
public sealed record RunRequest([property: JsonConverter(typeof(LowerCaseEnumConverter<RunMode>))] RunMode Mode, IReadOnlyList<string> Datastores, string? RestoreTo = null)
{
    public string Command => Mode.ToString().ToLowerInvariant();

    public bool SameAs(RunRequest other) =>
        Mode == other.Mode
        && string.Equals(RestoreTo, other.RestoreTo, StringComparison.Ordinal)
        && Datastores.Order(StringComparer.OrdinalIgnoreCase).SequenceEqual(other.Datastores.Order(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);

    public string Describe() => Datastores.Count == 0 ? Command : $"{Command} {string.Join(' ', Datastores)}";
}
