using Coffer.Formats.Rsync;

namespace Coffer.Agent.Peer;

/// <summary>
/// A completed transfer: the file's length, the bytes each way on the connection, (on the sender) the delta, and the
/// file's name in a named transfer.
/// </summary>
public sealed record PeerTransferResult(long FileBytes, long WireBytesSent, long WireBytesReceived, RsyncDeltaStatistics? Delta, string? Name = null);
