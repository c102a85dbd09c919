using Coffer.Storage;
using Coffer.SyncML;
using Coffer.SyncML.Auth;
using Coffer.SyncML.Dm;

namespace Coffer.Dm;

/// <summary>
/// The management session engine (OMA-TS-DM_Protocol-V1_2 §8): takes one decoded client message and returns the
/// server's reply. Package 1 (Alert 1200/1201, DevInfo, the connection node) opens the session after the client's
/// credential is checked; the device's due job then runs as consent, backup walk or restore over the following
/// packages; the session ends with a Final message holding no commands. No HTTP here: the host decodes and encodes.
/// </summary>
public sealed class DmSessionEngine(ICofferStore store, DmServerOptions options, IDmLoginThrottle throttle, TimeProvider time)
{
    private readonly DmAuthenticator authenticator = new(throttle);
    private readonly DmSessionGuard guard = new(throttle);

    public async Task<DmReply> HandleAsync(DmRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var uow = await store.BeginAsync(ct).ConfigureAwait(false);
        var session = request.SessionToken == null ? null : await uow.Sessions.GetAsync(request.SessionToken, ct).ConfigureAwait(false);
        DmSessionState state;
        DmAccount account;
        string token;
        var headerCode = StatusCode.Ok;
        string? nextNonce;
        if (session?.DeviceId is { } deviceId && session.State.Length > 0)
        {
            token = session.Token;
            state = DmSessionStateJson.Read(session.State);
            account = (await uow.DmAccounts.GetAsync(deviceId, ct).ConfigureAwait(false))!;

            // A message sent again after its reply was lost gets that reply again, and nothing runs twice
            // (OMA-TS-DM_Protocol-V1_2 §8.1: a message is answered once; the same mechanism as /sync's replies).
            if (await uow.Sessions.GetReplyAsync(token, ReplyKey(request), ct).ConfigureAwait(false) is { } cached)
            {
                return Resent(request, state, account, cached.Body);
            }

            if (DmSessionGuard.Mismatch(state, request.Message.Header) is { } refusal)
            {
                throttle.Failed(state.ClientName, request.RemoteAddress);
                return Refuse(request, refusal, null);
            }

            if (!guard.MacHolds(state, account, request))
            {
                // A missing or wrong MAC ends the session (OMA-TS-DM_Security-V1_2 §5.5.2); the Chal names the nonce to use next time.
                nextNonce = AuthNonceFor();
                var issued = await uow.DmAccounts.ReplaceServerNonceAsync(deviceId, account.ServerNonce, nextNonce, ct).ConfigureAwait(false);
                state.Phase = DmPhase.Ended;
                await uow.Sessions.UpdateAsync(token, state.UserId, state.DeviceId, DmSessionStateJson.Write(state), options.SessionLifetime, ct).ConfigureAwait(false);
                await uow.CommitAsync(ct).ConfigureAwait(false);
                return Refuse(request, StatusCode.InvalidCredentials, issued ? nextNonce : null);
            }

            nextNonce = AuthNonceFor();
            if (!await uow.DmAccounts.ReplaceServerNonceAsync(deviceId, account.ServerNonce, nextNonce, ct).ConfigureAwait(false))
            {
                nextNonce = null;
            }
        }
        else
        {
            var auth = await authenticator.AuthenticateAsync(uow, request, ct).ConfigureAwait(false);
            if (auth.Account == null)
            {
                await uow.CommitAsync(ct).ConfigureAwait(false);
                return Refuse(request, auth.Code, auth.NextNonce);
            }

            account = auth.Account;
            nextNonce = auth.NextNonce;
            headerCode = StatusCode.AuthenticationAccepted;
            state = new DmSessionState
            {
                UserId = account.UserId,
                DeviceId = account.DeviceId,
                ClientName = account.ClientName,
                DevId = request.Message.Header.Source!.LocURI!,
                ClientSessionId = request.Message.Header.SessionID ?? string.Empty,
                ServerUrl = request.Message.Header.Target?.LocURI ?? request.EndpointUrl,
                Hmac = request.Hmac != null,
            };
            token = (await uow.Sessions.CreateAsync(account.UserId, account.DeviceId, [], options.SessionLifetime, ct).ConfigureAwait(false)).Token;
        }

        if (request.Message.Header.Meta?.MaxMsgSize is { } max)
        {
            state.ClientMaxMsgSize = max;
        }

        var reply = new DmReplyBuilder(state, request.Message, request.EndpointUrl + "?s=" + Uri.EscapeDataString(token));
        reply.SetMaxMsgSize(options.MaxMsgSize);
        reply.HeaderStatus(headerCode, nextNonce);
        if (headerCode == StatusCode.AuthenticationAccepted && !DmSessionGuard.AnswersNotification(account, request.Message))
        {
            // Not the session the server announced: its Alert is refused and no job starts on it.
            reply.Status(request.Message.Body.Commands.OfType<AlertCommand>().First(a => a.Code == DmAlertCode.ServerInitiatedMgmt), StatusCode.Forbidden);
            reply.SetFinal(true);
            state.Phase = DmPhase.Ended;
        }
        else
        {
            if (account.NotifiedSession != null && request.Message.Body.Commands.OfType<AlertCommand>().Any(a => a.Code == DmAlertCode.ServerInitiatedMgmt))
            {
                // Answered: the same package 0 does not start a second session.
                await uow.DmAccounts.SetNotifiedSessionAsync(account.DeviceId, null, ct).ConfigureAwait(false);
            }

            var context = new DmSessionContext(state, uow, reply, request.Message, token, options, time);
            await new DmMessageHandler(context).HandleAsync(ct).ConfigureAwait(false);
        }

        // The server's credential goes over the client's latest nonce, which a Status in this very message may carry:
        // in SyncHdr/Cred (§5.5.1), or in an HMAC session as the MAC of the reply's bytes (§5.5.2).
        account = (await uow.DmAccounts.GetAsync(state.DeviceId, ct).ConfigureAwait(false))!;
        if (!state.Hmac)
        {
            reply.SetCredential(DmAuthenticator.ServerCredential(options.ServerId, account));
        }

        var bytes = DmMessageCodec.Encode(reply.Message, request.Wbxml);

        // An ended session's row stays until it expires, holding the last reply for a resend; Phase Ended refuses anything new.
        await uow.Sessions.UpdateAsync(token, state.UserId, state.DeviceId, DmSessionStateJson.Write(state), options.SessionLifetime, ct).ConfigureAwait(false);
        await uow.Sessions.PutReplyAsync(token, ReplyKey(request), new CachedReply(bytes, request.Wbxml ? DmMessageCodec.WbxmlContentType : DmMessageCodec.XmlContentType), ct).ConfigureAwait(false);
        await uow.CommitAsync(ct).ConfigureAwait(false);
        return new DmReply(reply.Message, false, bytes, ServerMac(state, account, bytes));
    }

    /// <summary>
    /// What a message's reply is cached under: its MsgID and the SHA-256 of its bytes, so only the very same message
    /// sent again gets it, never a new one that reuses the MsgID.
    /// </summary>
    private static string ReplyKey(DmRequest request) =>
        request.Message.Header.MsgID + ":" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(request.Body.Span));

    private DmReply Resent(DmRequest request, DmSessionState state, DmAccount account, byte[] bytes) =>
        new(DmMessageCodec.Decode(bytes, request.Wbxml ? DmMessageCodec.WbxmlContentType : DmMessageCodec.XmlContentType, int.MaxValue), false, bytes, ServerMac(state, account, bytes));

    /// <summary>The server's MAC of its reply in an HMAC session: its id and secret over the nonce the client issued last (§5.5.2).</summary>
    private string? ServerMac(DmSessionState state, DmAccount account, byte[] bytes) =>
        state.Hmac ? DmHmac.ComputeHeader(options.ServerId, account.ServerSecret, Md5Auth.DecodeNonce(account.ClientNonce), bytes) : null;

    private static string AuthNonceFor() => Coffer.SyncML.Auth.AuthNonce.Generate();

    /// <summary>A refused message: only the SyncHdr Status (401 or 407, with a Chal when a nonce was issued), Final.</summary>
    private static DmReply Refuse(DmRequest request, int code, string? nextNonce)
    {
        var reply = new DmReplyBuilder(new DmSessionState(), request.Message, null);
        reply.HeaderStatus(code, nextNonce);
        reply.SetFinal(true);
        return new DmReply(reply.Message, true, DmMessageCodec.Encode(reply.Message, request.Wbxml), null);
    }
}
