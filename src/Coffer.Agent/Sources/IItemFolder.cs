namespace Coffer.Agent.Sources;

/// <summary>
/// How a datastore's items lie on disk: which files are items and where a new one goes. A flat folder of one item
/// per file (<see cref="FlatItemFolder"/>) serves contacts, calendar, tasks and notes; a Maildir (cur/ and new/) or a
/// tree of any files is another implementation with the same contract. Paths are relative to the folder, with '/'.
/// </summary>
public interface IItemFolder
{
    string Root { get; }

    /// <summary>Every item's path.</summary>
    IEnumerable<string> List();

    byte[] Read(string path);

    /// <summary>Writes a new item and returns the path it got; <paramref name="hint"/> suggests its name.</summary>
    string Create(string hint, byte[] content);

    void Write(string path, byte[] content);

    void Delete(string path);
}
