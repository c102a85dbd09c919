using System.IO.Pipelines;

namespace Coffer.Server.Metrics;

/// <summary>A connection's transport with both directions counted.</summary>
internal sealed class CountingDuplexPipe(IDuplexPipe inner, HttpTrafficCounter counter) : IDuplexPipe
{
    public PipeReader Input { get; } = new CountingPipeReader(inner.Input, counter);

    public PipeWriter Output { get; } = new CountingPipeWriter(inner.Output, counter);
}
