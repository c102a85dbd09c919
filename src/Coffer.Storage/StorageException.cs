namespace Coffer.Storage;

/// <summary>Coffer.Storage's own error: corrupt payload, unknown codec, schema newer than this build, misuse.</summary>
public class StorageException : Exception
{
    public StorageException(string message)
        : base(message)
    {
    }

    public StorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
