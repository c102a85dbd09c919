namespace Coffer.Agent.Peer;

/// <summary>
/// How far a transfer is: on the sender, bytes of the new file read into the delta; on the receiver, bytes of the
/// new file written. Both count against the new file's length. <see cref="Name"/> is the file's name in a named
/// transfer (<see cref="PeerFileOffer"/>).
/// </summary>
public readonly record struct PeerTransferProgress(long Bytes, long TotalBytes, string? Name = null)
{
    /// <summary>0 to 100; an empty file is 100 % done.</summary>
    public double Percent => TotalBytes == 0 ? 100 : 100.0 * Bytes / TotalBytes;
}
