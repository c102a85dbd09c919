using Coffer.Storage;
using Coffer.SyncML;

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
            state = DmSessionStateJson.Read(session.State);
            if (state.Phase == DmPhase.Ended || request.Message.Header.Source?.LocURI != state.DevId)
            {
                return Refuse(request, StatusCode.InvalidCredentials, null);
            }

            account = (await uow.DmAccounts.GetAsync(deviceId, ct).ConfigureAwait(false))!;
            token = session.Token;
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
        var context = new DmSessionContext(state, uow, reply, request.Message, token, options, time);
        await new DmMessageHandler(context).HandleAsync(ct).ConfigureAwait(false);

        // The server's credential goes over the client's latest nonce, which a Status in this very message may carry.
        account = (await uow.DmAccounts.GetAsync(state.DeviceId, ct).ConfigureAwait(false))!;
        reply.SetCredential(DmAuthenticator.ServerCredential(options.ServerId, account));
        if (state.Phase == DmPhase.Ended)
        {
            await uow.Sessions.DeleteAsync(token, ct).ConfigureAwait(false);
        }
        else
        {
            await uow.Sessions.UpdateAsync(token, state.UserId, state.DeviceId, DmSessionStateJson.Write(state), options.SessionLifetime, ct).ConfigureAwait(false);
        }

        await uow.CommitAsync(ct).ConfigureAwait(false);
        return new DmReply(reply.Message, false);
    }

    private static string AuthNonceFor() => Coffer.SyncML.Auth.AuthNonce.Generate();

    /// <summary>A refused message: only the SyncHdr Status (401 or 407, with a Chal when a nonce was issued), Final.</summary>
    private static DmReply Refuse(DmRequest request, int code, string? nextNonce)
    {
        var reply = new DmReplyBuilder(new DmSessionState(), request.Message, null);
        reply.HeaderStatus(code, nextNonce);
        reply.SetFinal(true);
        return new DmReply(reply.Message, true);
    }
}
