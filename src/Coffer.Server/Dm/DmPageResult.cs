namespace Coffer.Server.Dm;

/// <summary>What a DM request from a web page did: whether a job was started, and the sentence to show.</summary>
public sealed record DmPageResult(bool Started, string Message);
