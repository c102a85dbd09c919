namespace Coffer.Formats.Notes;

/// <summary>
/// text/plain memos with the convention of SyncEvolution's memo backend (EvolutionMemoSource): the first
/// line is the summary, the whole text is the body; on export a summary that differs from the body's first
/// line is put in front of it, and line ends travel as CRLF.
/// </summary>
public static class PlainTextNote
{
    public static Note Parse(string text)
    {
        var body = text.ReplaceLineEndings("\n");
        return new Note { Summary = Note.FirstLine(body), Body = body };
    }

    public static string Write(Note note)
    {
        var body = note.Body.ReplaceLineEndings("\n");
        var text = body;
        if (body.Length == 0)
        {
            text = note.Summary ?? string.Empty;
        }
        else if (!string.IsNullOrEmpty(note.Summary) && Note.FirstLine(body) != note.Summary)
        {
            text = note.Summary + "\n" + body;
        }

        return text.ReplaceLineEndings("\r\n");
    }
}
