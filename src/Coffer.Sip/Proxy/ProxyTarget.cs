using System.Net;
using Coffer.Sip.Message;

namespace Coffer.Sip.Proxy;

/// <summary>
/// One binding of a callee: its device, the contact URI it registered (the forwarded Request-URI) and the address
/// the request is sent to (the source address of its REGISTER, which may differ from the contact behind a NAT).
/// </summary>
public sealed record ProxyTarget(string Device, SipUri Contact, IPEndPoint Destination);
