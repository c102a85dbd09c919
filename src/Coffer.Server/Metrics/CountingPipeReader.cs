using System.Buffers;
using System.IO.Pipelines;

namespace Coffer.Server.Metrics;

/// <summary>A connection's input that counts the bytes the server consumed from it (each byte once, however often it was examined).</summary>
internal sealed class CountingPipeReader(PipeReader inner, HttpTrafficCounter counter) : PipeReader
{
    private ReadOnlySequence<byte> last;

    public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        var result = await inner.ReadAsync(cancellationToken).ConfigureAwait(false);
        last = result.Buffer;
        return result;
    }

    public override bool TryRead(out ReadResult result)
    {
        if (!inner.TryRead(out result))
        {
            return false;
        }

        last = result.Buffer;
        return true;
    }

    public override void AdvanceTo(SequencePosition consumed)
    {
        Count(consumed);
        inner.AdvanceTo(consumed);
    }

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
    {
        Count(consumed);
        inner.AdvanceTo(consumed, examined);
    }

    public override void CancelPendingRead() => inner.CancelPendingRead();

    public override void Complete(Exception? exception = null) => inner.Complete(exception);

    public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);

    private void Count(SequencePosition consumed)
    {
        counter.AddReceived(last.Slice(last.Start, consumed).Length);
        last = default;
    }
}
