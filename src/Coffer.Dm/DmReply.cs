namespace Coffer.Dm;

/// <summary>The engine's answer: the message to send back, and whether it refused the credentials.</summary>
public sealed record DmReply(Coffer.SyncML.SyncMLMessage Message, bool Refused);
