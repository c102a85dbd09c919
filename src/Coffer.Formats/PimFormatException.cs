namespace Coffer.Formats;

/// <summary>
/// The one error every Coffer.Formats parser raises for input it cannot accept (vCard, iCalendar,
/// vMessage, MIME, CSV). A Loose parser raises it only when nothing usable can be recovered.
/// </summary>
public sealed class PimFormatException : Exception
{
    public PimFormatException(string message)
        : base(message)
    {
    }

    public PimFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>1-based line of the input where the problem was found, when known.</summary>
    public int? Line { get; init; }
}
