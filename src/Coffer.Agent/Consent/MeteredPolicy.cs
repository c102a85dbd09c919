using System.Text.Json.Serialization;

namespace Coffer.Agent.Consent;

/// <summary>
/// What a run on a metered or roaming connection does without a user to ask: ask (prompt on a terminal, defer
/// otherwise), allow (establish), deny (reject) or defer (to the next unmetered run).
/// </summary>
[JsonConverter(typeof(LowerCaseEnumConverter<MeteredPolicy>))]
public enum MeteredPolicy
{
    Ask,
    Allow,
    Deny,
    Defer,
}
