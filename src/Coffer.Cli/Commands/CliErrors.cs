namespace Coffer.Cli.Commands;

/// <summary>Exit codes and error output shared by every verb.</summary>
internal static class CliErrors
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    public static int Fail(string message) => Fail(Console.Error, message);

    public static int Fail(TextWriter error, string message)
    {
        error.WriteLine("coffer: " + message);
        return Failed;
    }

    public static void Warn(TextWriter error, string message) => error.WriteLine("coffer: warning: " + message);
}
