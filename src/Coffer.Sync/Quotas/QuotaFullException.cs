namespace Coffer.Sync.Quotas;

/// <summary>An addition outside a sync that the user's quota has no room for (a sync answers 420 instead).</summary>
public sealed class QuotaFullException(string message) : Exception(message);
