using Coffer.Agent.Consent;

namespace Coffer.Agent.Dm;

/// <summary>A confirm alert (1101) the session answered: the server's text and the answer (200 establish, 304 reject, 214 defer).</summary>
public sealed record DmConsentDecision(string Text, ConsentAnswer Answer, int Status);
