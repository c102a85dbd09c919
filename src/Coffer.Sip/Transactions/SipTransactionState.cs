namespace Coffer.Sip.Transactions;

/// <summary>The states of the four transaction machines (RFC 3261 Figures 5–8).</summary>
public enum SipTransactionState
{
    Calling,
    Trying,
    Proceeding,
    Completed,
    Confirmed,
    Terminated,
}
