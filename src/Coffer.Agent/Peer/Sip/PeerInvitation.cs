using Coffer.Sip.Session;

namespace Coffer.Agent.Peer.Sip;

/// <summary>An INVITE the callee accepts: its Call-ID (the BYE names it), the caller's device (the From URI's <c>device</c> parameter) and the offer.</summary>
public sealed record PeerInvitation(string CallId, string? CallerDevice, SessionDescription Offer);
