namespace Coffer.Agent.Runs;

/// <summary>
/// Told what a run is doing, for progress bars or lines: each datastore's sync type, the changes it is about to send
/// (and their estimated bytes on the wire), the changes the server answered, and the bytes posted and read so far.
/// </summary>
public interface IRunProgress
{
    /// <summary>A line worth showing as it is (<c>contacts: slow</c>, <c>contacts: the server asked for slow</c>).</summary>
    void Note(string datastore, string text);

    /// <summary>The session of <paramref name="datastore"/> will send <paramref name="items"/> changes, about <paramref name="wireBytes"/> bytes.</summary>
    void Planned(string datastore, int items, long wireBytes);

    /// <summary>The server has answered <paramref name="done"/> of the <paramref name="total"/> changes.</summary>
    void ItemsSent(string datastore, int done, int total);

    /// <summary>Bytes posted to and read from the server in this datastore's session so far.</summary>
    void Bytes(string datastore, long sent, long received);

    /// <summary>The datastore's session ended, completed or not.</summary>
    void Finished(string datastore);
}
