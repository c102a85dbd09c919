using System.Net;
using Coffer.Sip.Message;
using Coffer.Sip.Transport;

namespace Coffer.Sip.Transactions;

/// <summary>What the four transaction machines share: state under one lock, timers, the transport, termination.</summary>
public abstract class SipTransaction
{
    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<TransactionTimer> _timers = [];

    private protected SipTransaction(SipTransactionLayer layer, string key, IPEndPoint remote, SipTransactionState initial)
    {
        Layer = layer;
        Key = key;
        Remote = remote;
        _state = initial;
    }

    public string Key { get; }
    /// <summary>The state; Terminated once <see cref="Terminated"/> completed, also after the layer let it go.</summary>
    public SipTransactionState State => _terminated.Task.IsCompleted ? SipTransactionState.Terminated : _state;

    private SipTransactionState _state;
    public IPEndPoint Remote { get; }

    /// <summary>Completes when the transaction reaches Terminated and leaves the layer.</summary>
    public Task Terminated => _terminated.Task;

    /// <summary>Messages this transaction put on the wire (the first send and every retransmission).</summary>
    public int Sends { get; private set; }

    private protected SipTransactionLayer Layer { get; }
    private protected ISipTransport Transport => Layer.Transport;
    private protected bool Reliable => Layer.Transport.IsReliable;
    private protected SipTimers Timers => Layer.Timers;
    private protected object Gate { get; } = new();

    private protected TransactionTimer Timer(Action fired)
    {
        var timer = new TransactionTimer(Layer.Time, () =>
        {
            lock (Gate)
            {
                if (State != SipTransactionState.Terminated)
                {
                    fired();
                }
            }
        });
        _timers.Add(timer);
        return timer;
    }

    /// <summary>Moves to a state; Terminated stops every timer and removes the transaction from the layer.</summary>
    private protected void MoveTo(SipTransactionState state)
    {
        _state = state;
        if (state == SipTransactionState.Terminated)
        {
            foreach (var timer in _timers)
            {
                timer.Dispose();
            }
            Layer.Remove(this);
            OnTerminated();
            _terminated.TrySetResult();
        }
    }

    /// <summary>Starts a timer, or, when its value is zero (reliable transports), acts at once.</summary>
    private protected void StartOrFire(TransactionTimer timer, TimeSpan value, Action fired)
    {
        if (value == TimeSpan.Zero)
        {
            fired();
        }
        else
        {
            timer.Start(value);
        }
    }

    private protected virtual void OnTerminated()
    {
    }

    /// <summary>
    /// Completed, the transaction leaves the layer's table for its table of completed transactions, which keeps only
    /// the key and the response's bytes and ends the transaction when <paramref name="j"/> has passed.
    /// </summary>
    private protected void CompleteInLayer(byte[] response, TimeSpan j)
    {
        _state = SipTransactionState.Completed;
        Layer.Retain(new CompletedServerTransaction(Key, response, Remote, _terminated), j);
        Layer.Remove(this);
    }

    private protected void SendBytes(byte[] bytes, IPEndPoint destination)
    {
        Sends++;
        Observe(Transport.SendBytesAsync(bytes, destination));
    }

    private protected void Send(SipMessage message, IPEndPoint destination)
    {
        Sends++;
        Observe(Transport.SendAsync(message, destination));
    }

    private void Observe(Task sending)
    {
        if (!sending.IsCompletedSuccessfully)
        {
            _ = sending.ContinueWith(t => OnTransportError(t.Exception!), CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    /// <summary>§17.1.4 / §17.2.4: a transport failure is reported to the TU and ends the transaction.</summary>
    private protected virtual void OnTransportError(Exception error)
    {
        lock (Gate)
        {
            if (State != SipTransactionState.Terminated)
            {
                MoveTo(SipTransactionState.Terminated);
            }
        }
    }
}
