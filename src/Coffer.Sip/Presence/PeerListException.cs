namespace Coffer.Sip.Presence;

/// <summary>A peer list body that is not well-formed or not valid against docs/peer-list.xsd.</summary>
public sealed class PeerListException(string message, Exception? inner = null) : Exception(message, inner);
