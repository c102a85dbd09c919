namespace Coffer.Agent.Peer;

/// <summary>The frames of the direct file transfer (docs/rsync-delta.md, "Peer transfer").</summary>
public enum PeerFrameType : byte
{
    /// <summary>Sender → receiver, first: protocol version (1 byte, 1) and the new file's length (8 bytes).</summary>
    Offer = 1,

    /// <summary>Receiver → sender: a piece of the basis's signature.</summary>
    SignatureData = 2,

    /// <summary>Receiver → sender: the signature is complete (empty payload).</summary>
    SignatureEnd = 3,

    /// <summary>Sender → receiver: a piece of the delta.</summary>
    DeltaData = 4,

    /// <summary>Sender → receiver: the delta is complete; payload the new file's SHA-256 (32 bytes).</summary>
    DeltaEnd = 5,

    /// <summary>Receiver → sender, last: status (1 byte: 0 stored, 1 refused) and a UTF-8 reason.</summary>
    Result = 6,
}
