namespace Coffer.Sip.Transactions;

/// <summary>
/// T1, T2, T4 and the timers derived from them (RFC 3261 §17.1.1.2, §17.1.2.2, §17.2.1, §17.2.2, Table 4).
/// Timers that only wait for retransmissions are zero on a reliable transport.
/// </summary>
public sealed record SipTimers
{
    /// <summary>RTT estimate, 500 ms by default.</summary>
    public TimeSpan T1 { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Maximum retransmit interval for non-INVITE requests and INVITE responses, 4 s by default.</summary>
    public TimeSpan T2 { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>Maximum duration a message remains in the network, 5 s by default.</summary>
    public TimeSpan T4 { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Timer D's value on an unreliable transport (at least 32 s).</summary>
    public TimeSpan DUnreliable { get; init; } = TimeSpan.FromSeconds(32);

    /// <summary>Timers B, F, H, J: 64*T1.</summary>
    public TimeSpan TransactionTimeout => T1 * 64;

    public TimeSpan D(bool reliable) => reliable ? TimeSpan.Zero : DUnreliable;

    public TimeSpan I(bool reliable) => reliable ? TimeSpan.Zero : T4;

    public TimeSpan J(bool reliable) => reliable ? TimeSpan.Zero : TransactionTimeout;

    public TimeSpan K(bool reliable) => reliable ? TimeSpan.Zero : T4;
}
