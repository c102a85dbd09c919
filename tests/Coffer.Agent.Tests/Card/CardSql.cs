using System.Diagnostics;

namespace Coffer.Agent.Tests.Card;

/// <summary>
/// Another host editing a card: the sqlite3 command-line shell running plain SQL on the card file, knowing nothing of
/// Coffer. Whatever it changes must be registered by the card's own triggers.
/// </summary>
public static class CardSql
{
    public static string Run(string card, string sql)
    {
        var info = new ProcessStartInfo("sqlite3") { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-bail");
        info.ArgumentList.Add(card);
        using var process = Process.Start(info)!;
        process.StandardInput.Write(sql);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, error);
        return output.Result.Trim();
    }

    /// <summary>SQL text for a string literal.</summary>
    public static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
