namespace Coffer.Sync.Administration;

/// <summary>What an administrative action did: done, or why not (shown to the administrator as it is).</summary>
public sealed record AdminResult(bool Done, string Message)
{
    public static AdminResult Ok(string message) => new(true, message);

    public static AdminResult Refused(string message) => new(false, message);
}
