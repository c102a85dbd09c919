namespace Coffer.Storage;

/// <summary>An unwrapped data key: 256 bits that encrypt every payload of one user (or, for user 0, the server's rows).</summary>
public sealed record DataKey(uint Id, long UserId, byte[] Key)
{
    public const int KeySize = 32;
}
