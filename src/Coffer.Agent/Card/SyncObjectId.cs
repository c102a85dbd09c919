using System.Security.Cryptography;

namespace Coffer.Agent.Card;

/// <summary>
/// New random ids, 128 bits in hex: sync object ids (seed 002 claim 7: a random number, so two hosts that both write
/// the card never make the same one, which a timestamp could) and card ids.
/// </summary>
public static class SyncObjectId
{
    public static string New() => RandomNumberGenerator.GetHexString(32, lowercase: true);
}
