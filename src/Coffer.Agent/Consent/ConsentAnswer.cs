namespace Coffer.Agent.Consent;

/// <summary>The user's choice before a costly transfer (seed 004 §5.2.5 step 5: established, deferred or rejected).</summary>
public enum ConsentAnswer
{
    Establish,
    Defer,
    Reject,
}
