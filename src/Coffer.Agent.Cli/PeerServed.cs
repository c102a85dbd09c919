namespace Coffer.Agent.Cli;

/// <summary>A session <see cref="PeerResponder"/> serves: what stops it, and the work that ends when it stopped.</summary>
internal sealed record PeerServed(CancellationTokenSource Stop, Task Work);
