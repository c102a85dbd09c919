using System.Diagnostics;
using System.Net;
using Coffer.Sip.Message;

namespace Coffer.Sip.Transport;

/// <summary>A message as the transport received it: from where, on which transport.</summary>
public sealed record SipInboundMessage(SipMessage Message, IPEndPoint Remote, ISipTransport Transport)
{
    /// <summary>When the transport handed the message on (<see cref="Stopwatch.GetTimestamp"/>): where a request's processing time starts.</summary>
    public long ReceivedTimestamp { get; init; } = Stopwatch.GetTimestamp();
}
