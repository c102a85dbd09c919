namespace Coffer.Backup;

/// <summary>A backup that cannot be made, read or restored: the message says which and why, never any content.</summary>
public class BackupException : Exception
{
    public BackupException(string message)
        : base(message)
    {
    }

    public BackupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
