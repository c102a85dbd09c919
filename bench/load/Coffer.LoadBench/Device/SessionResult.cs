namespace Coffer.LoadBench.Device;

/// <summary>What one completed session did: the sync type asked and the one the server chose, messages and items.</summary>
public sealed record SessionResult(int RequestedAlert, int ServerAlert, int Messages, int ItemsSent, int ItemsReceived);
