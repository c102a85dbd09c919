using System.Text;

namespace Coffer.Agent.Sources;

/// <summary>
/// Plain-text items kept with this platform's line ends on disk while they travel with CRLF, the form the server
/// stores notes in (docs/notes-messages.md: the SyncEvolution memo convention). Without it a note written with LF
/// would come back from the server with CRLF, a different file.
/// </summary>
public sealed class TextFileFolder(IItemFolder inner) : IItemFolder
{
    public string Root => inner.Root;

    public IEnumerable<string> List() => inner.List();

    public ItemBody Read(string path) => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(inner.Read(path).ReadAll()).ReplaceLineEndings("\r\n"));

    public string Create(string hint, ItemBody content) => inner.Create(hint, Local(content));

    public void Write(string path, ItemBody content) => inner.Write(path, Local(content));

    public void Delete(string path) => inner.Delete(path);

    private static byte[] Local(ItemBody content) => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(content.ReadAll()).ReplaceLineEndings(Environment.NewLine));
}
