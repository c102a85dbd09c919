using Coffer.Formats.Rsync;

namespace Coffer.Agent.Peer;

/// <summary>A completed transfer: the file's length, the bytes each way on the connection, and (on the sender) the delta.</summary>
public sealed record PeerTransferResult(long FileBytes, long WireBytesSent, long WireBytesReceived, RsyncDeltaStatistics? Delta);
