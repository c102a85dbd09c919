namespace Coffer.Agent.Protocol;

/// <summary>
/// What a session tells its caller while package 3 goes out, so an interruption (a dropped connection, a killed
/// process) loses nothing the server already has: the point to resume from after every reply, and a checkpoint
/// after every message in which the server accepted changes or sent items (the caller saves the datastore's state).
/// </summary>
public sealed class SessionHooks
{
    /// <summary>Saves the point to resume from; null removes it.</summary>
    public Action<ResumePoint?>? SaveResume { get; init; }

    public Action? Checkpoint { get; init; }

    /// <summary>Saves the point to go on receiving from (package 4 of a restore) before every message; null removes it.</summary>
    public Action<ResumePoint?>? SaveReceiving { get; init; }
}
