namespace Coffer.Agent.Dm;

/// <summary>What a DM session did: its id, the messages sent, the server's commands by name with how many failed, the consent answers.</summary>
public sealed record DmSessionResult(
    string SessionId,
    int Messages,
    IReadOnlyDictionary<string, int> Commands,
    int Failed,
    IReadOnlyList<DmConsentDecision> Consent,
    bool Aborted);
