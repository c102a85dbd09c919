using System.Net;
using Coffer.Sip.Message;

namespace Coffer.Sip.Transport;

/// <summary>A message as the transport received it: from where, on which transport.</summary>
public sealed record SipInboundMessage(SipMessage Message, IPEndPoint Remote, ISipTransport Transport);
