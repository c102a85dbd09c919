namespace Coffer.SyncML;

/// <summary>Where an element started in the XML text; attached to elements as an annotation by the safe loader.</summary>
internal sealed record LineInfo(int Line, int Position);
