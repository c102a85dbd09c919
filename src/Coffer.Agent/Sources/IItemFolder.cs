namespace Coffer.Agent.Sources;

/// <summary>
/// How a datastore's items lie on disk: which files are items and where a new one goes. A flat folder of one item
/// per file (<see cref="FlatItemFolder"/>) serves contacts, calendar, tasks and notes, a Maildir
/// (<see cref="MaildirFolder"/>) mail, a tree of any files (<see cref="FileTreeFolder"/>) SMS, photos and files.
/// Paths are relative to the folder, with '/'. Contents are <see cref="ItemBody"/>s, so large files are streamed.
/// </summary>
public interface IItemFolder
{
    string Root { get; }

    /// <summary>Every item's path.</summary>
    IEnumerable<string> List();

    ItemBody Read(string path);

    /// <summary>
    /// Writes a new item and returns the path it got; <paramref name="hint"/> suggests its name (in a folder that keeps
    /// names, the path the item had on the device that sent it).
    /// </summary>
    string Create(string hint, ItemBody content);

    void Write(string path, ItemBody content);

    void Delete(string path);
}
