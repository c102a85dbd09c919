namespace Coffer.Agent.Dm;

/// <summary>A tree command that failed with a DM status code (OMA-TS-DM_Protocol-V1_2 §10 "Status codes": 404, 405, 418, 425 ...).</summary>
public sealed class DmCommandException : Exception
{
    public DmCommandException()
    {
    }

    public DmCommandException(string message)
        : base(message)
    {
    }

    public DmCommandException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public DmCommandException(int status, string message)
        : base(message) => Status = status;

    public int Status { get; } = Coffer.SyncML.StatusCode.CommandFailed;
}
