namespace Coffer.Storage;

/// <summary>The exact reply sent to one (session, MsgID), returned again when the client resends that message.</summary>
public sealed record CachedReply(byte[] Body, string ContentType);
