using Coffer.SyncML;

namespace Coffer.Sync.Engine;

/// <summary>
/// A command of an otherwise readable message that the SyncML reader rejected (e.g. an Alert whose Data is not a
/// number). It stands in the body in its place, so the engine answers it with 400 and processes the rest.
/// </summary>
internal sealed class MalformedCommand : SyncMLCommand
{
    public MalformedCommand(string elementName, string reason)
    {
        ElementName = elementName;
        Reason = reason;
    }

    public override string ElementName { get; }

    /// <summary>The reader's message, for the log.</summary>
    public string Reason { get; }
}
