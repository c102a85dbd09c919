using Coffer.Agent.Runs;

namespace Coffer.Web.Tests;

/// <summary>An agent run that prints nothing: the test reads the server's side of the progress.</summary>
public sealed class QuietRunProgress : IRunProgress
{
    public void Note(string datastore, string text)
    {
    }

    public void Planned(string datastore, int items, long wireBytes)
    {
    }

    public void ItemsSent(string datastore, int done, int total)
    {
    }

    public void Bytes(string datastore, long sent, long received)
    {
    }

    public void Finished(string datastore)
    {
    }
}
