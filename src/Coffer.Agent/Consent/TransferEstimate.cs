namespace Coffer.Agent.Consent;

/// <summary>
/// What a run would transfer, estimated from the local folders and state before anything is sent: the changes and
/// their bytes on the wire, and the bytes to receive when they can be known without asking the server (null: unknown,
/// as for a restore or a two-way sync, where the server decides).
/// </summary>
public sealed record TransferEstimate(int ItemsToSend, long BytesToSend, long? BytesToReceive, int FirstRuns);
