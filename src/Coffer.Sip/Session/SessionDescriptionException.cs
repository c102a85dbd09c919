namespace Coffer.Sip.Session;

/// <summary>A body that is not a valid session description; the message says what is wrong and where.</summary>
public sealed class SessionDescriptionException(string message, Exception? inner = null) : Exception(message, inner);
