using System.Globalization;
using System.Security.Cryptography;
using Coffer.Agent.Protocol;
using Coffer.SyncML;
using Coffer.SyncML.Auth;

using Coffer.SyncML.Dm;

namespace Coffer.Agent.Dm;

/// <summary>
/// One OMA DM 1.2 management session of this device (OMA-TS-DM_Protocol-V1_2 §8): package 1 (Alert 1201, or 1200
/// after a package 0 with its session id; Replace of ./DevInfo and the connection), then every server message's
/// commands answered (<see cref="DmCommandExecutor"/>) until the server sends Final with no more commands.
/// Authentication both ways (OMA-TS-DM_Security-V1_2 §5.3): the client's <c>syncml:auth-md5</c> Cred over the server's
/// last nonce; the server's Cred (required in its first message, checked in every one that has it) over the client's
/// last nonce, a fresh one issued in the Status of each checked header and kept once sent (a replayed Cred fails); a
/// server that fails gets 401 and the session stops (<see cref="DmServerAuthenticationException"/>). With HMAC-MD5
/// (§5.5.2) every message carries <c>x-syncml-hmac</c> over the server's last nonce instead of a Cred, and every server
/// message must carry its own over the client's last nonce. A message whose reply is lost with the connection is sent
/// once more, byte for byte: the server answers it from its reply cache.
/// </summary>
public sealed class DmClient(DmTree tree, DmAccountFile accountFile, string deviceId, ISyncTransport transport, DmCodec codec, DmUserInteraction ui)
{
    /// <summary>The largest message the agent takes (MaxMsgSize in its header).</summary>
    public long MaxMsgSize { get; init; } = 64 * 1024;

    /// <summary>
    /// Whether the client authenticates with HMAC-MD5 in the <c>x-syncml-hmac</c> HTTP header over the message's bytes
    /// (OMA-TS-DM_Security-V1_2 §5.5.2) instead of <c>syncml:auth-md5</c> in SyncHdr/Cred (§5.5.1); needs an <see cref="ISyncHeaderTransport"/>.
    /// </summary>
    public bool Hmac { get; init; }

    /// <summary>Runs a session: client-initiated when <paramref name="serverSessionId"/> is null, else the one a package 0 announced.</summary>
    /// <exception cref="AuthenticationFailedException">The server refused the client's credentials twice.</exception>
    /// <exception cref="DmServerAuthenticationException">The server did not authenticate.</exception>
    /// <exception cref="DmProtocolException">An HTTP error, an unreadable reply, the session refused.</exception>
    public async Task<DmSessionResult> RunAsync(string? serverSessionId, CancellationToken ct)
    {
        var account = accountFile.Load() ?? throw new InvalidOperationException($"no DM account in {accountFile.Path}: run coffer-agent dm enroll");
        var sessionId = serverSessionId ?? RandomNumberGenerator.GetInt32(1, 0x10000).ToString(CultureInfo.InvariantCulture);
        var executor = new DmCommandExecutor(tree, account.ServerId, ui);
        var builder = new DmMessageBuilder(codec);
        var url = account.ServerUrl;
        var queue = PackageOne(serverSessionId != null);
        var msgId = 0;
        var sendCred = true;
        var retried = false;
        var serverAuthenticated = false;
        long serverMax = long.MaxValue;
        StatusCommand? headerStatus = null;
        string? freshNonce = null;
        var packageOneMsg = "1";
        while (true)
        {
            if (freshNonce != null)
            {
                // Kept only once it goes out: a nonce the server never received could never be answered.
                account = account with { ClientNonce = freshNonce };
                accountFile.Save(account);
                freshNonce = null;
            }

            var message = Message(account, sessionId, ++msgId, sendCred);
            if (sendCred)
            {
                packageOneMsg = message.Header.MsgID!;
            }

            if (headerStatus != null)
            {
                headerStatus.CmdID = "1";
                message.Body.Commands.Add(headerStatus);
            }

            message.Body.Final = builder.Fill(message, queue, Math.Min(MaxMsgSize, serverMax));
            var (reply, replyMac, replyBytes) = await PostAsync(url, message, account, ct).ConfigureAwait(false);
            var header = reply.Header;
            url = header.RespURI is { Length: > 0 } resp ? new Uri(account.ServerUrl, resp) : url;
            serverMax = header.Meta?.MaxMsgSize is > 0 and var max ? max : serverMax;
            sendCred = false;

            foreach (var status in reply.Body.Commands.OfType<StatusCommand>())
            {
                if (status.Chal?.Meta?.NextNonce is { Length: > 0 } nonce)
                {
                    account = account with { ServerNonce = nonce };
                    accountFile.Save(account);
                }
            }

            var ours = reply.Body.Commands.OfType<StatusCommand>().FirstOrDefault(s => s.CmdRef == "0");
            if (ours?.Code is StatusCode.InvalidCredentials or StatusCode.MissingCredentials)
            {
                // OMA-TS-DM_Security-V1_2 §5.3: answer the challenge once, with the nonce it carries, in package 1 again.
                if (retried || ours.Chal == null)
                {
                    throw new AuthenticationFailedException($"the DM server refused the credentials of {account.ClientName} ({ours.Code})") { Status = ours.Code, Challenge = ours.Chal?.Meta };
                }

                retried = true;
                sendCred = true;
                headerStatus = null;
                queue = PackageOne(serverSessionId != null);
                continue;
            }

            if (reply.Body.Commands.OfType<StatusCommand>().FirstOrDefault(s => s.MsgRef == packageOneMsg && s.Cmd == "Alert") is { } alertStatus && !StatusCode.IsSuccess(alertStatus.Code))
            {
                throw new DmProtocolException($"the DM server refused the session: status {alertStatus.Code} to the Alert");
            }

            if (Hmac)
            {
                // OMA-TS-DM_Security-V1_2 §5.5.2: every server message carries its MAC over the nonce this client issued last.
                if (replyMac == null || !DmHmacHeader.TryParse(replyMac, out var mac) || mac.Username != account.ServerId ||
                    !DmHmac.Verify(mac, Md5Auth.CredentialHash(account.ServerId, account.ServerSecret), Md5Auth.DecodeNonce(account.ClientNonce), replyBytes))
                {
                    await RefuseAsync(url, account, sessionId, ++msgId, header, ct).ConfigureAwait(false);
                    throw new DmServerAuthenticationException(replyMac == null
                        ? $"the DM server at {url} sent no x-syncml-hmac: it did not prove it is {account.ServerId}"
                        : $"the DM server at {url} failed HMAC authentication as {account.ServerId} (its MAC is not over this message with this device's nonce and the server secret)");
                }

                freshNonce = AuthNonce.Generate();
                headerStatus = HeaderStatus(header, StatusCode.AuthenticationAccepted, freshNonce);
            }
            else if (header.Cred != null || !serverAuthenticated)
            {
                if (header.Cred?.Data is not { } credData || !Md5Auth.Verify(credData, account.ServerId, account.ServerSecret, Md5Auth.DecodeNonce(account.ClientNonce)))
                {
                    await RefuseAsync(url, account, sessionId, ++msgId, header, ct).ConfigureAwait(false);
                    throw new DmServerAuthenticationException(header.Cred == null
                        ? $"the DM server at {url} sent no credentials: it did not prove it is {account.ServerId}"
                        : $"the DM server at {url} failed authentication as {account.ServerId} (its digest is not over this device's nonce with the server secret)");
                }

                serverAuthenticated = true;
                freshNonce = AuthNonce.Generate();
                headerStatus = HeaderStatus(header, StatusCode.AuthenticationAccepted, freshNonce);
            }
            else
            {
                headerStatus = HeaderStatus(header, StatusCode.Ok, null);
            }

            var management = false;
            foreach (var command in reply.Body.Commands)
            {
                management |= DmCommandExecutor.IsManagement(command);
                queue.AddRange(executor.Execute(command, header.MsgID ?? string.Empty));
            }

            if (executor.Aborted)
            {
                break;
            }

            var pending = queue.Any(o => o.Result != null || o.Command is not StatusCommand);
            if (reply.Body.Final && !management && !pending)
            {
                // OMA-TS-DM_Protocol-V1_2 §8.6: a server package with no management commands ends the session.
                break;
            }

            if (!reply.Body.Final && !pending)
            {
                // The server's package goes on in its next message: ask for it (Alert 1222, §8.7).
                queue.Add(DmOutgoing.Of(new AlertCommand { Code = DmAlertCode.NextMessage }));
            }
        }

        return new DmSessionResult(sessionId, msgId, executor.Counts, executor.Failed, executor.Consent, executor.Aborted);
    }

    /// <summary>Package 1 (OMA-TS-DM_Protocol-V1_2 §8.3): the session Alert and the device information.</summary>
    private List<DmOutgoing> PackageOne(bool serverInitiated)
    {
        var alert = new AlertCommand { Code = serverInitiated ? DmAlertCode.ServerInitiatedMgmt : DmAlertCode.ClientInitiatedMgmt };
        var replace = new ReplaceCommand();
        foreach (var uri in new[] { "./DevInfo/DevId", "./DevInfo/Man", "./DevInfo/Mod", "./DevInfo/DmV", "./DevInfo/Lang", "./DevDetail/Ext/Coffer/Connection" })
        {
            var value = tree.Get(uri, "*");
            replace.Items.Add(DmWire.Item(uri, value, codec, value.Data, moreData: false, size: null));
        }

        return [DmOutgoing.Of(alert), DmOutgoing.Of(replace)];
    }

    private SyncMLMessage Message(DmAccount account, string sessionId, int msgId, bool withCred)
    {
        var header = new SyncHdr
        {
            VerDTD = DmVersion.VerDtd,
            VerProto = DmVersion.VerProto,
            SessionID = sessionId,
            MsgID = msgId.ToString(CultureInfo.InvariantCulture),
            Target = new SyncLocation(account.ServerUrl.ToString()),
            Source = new SyncLocation(deviceId, account.ClientName),
            Meta = new MetInf { MaxMsgSize = MaxMsgSize },
        };
        if (withCred && !Hmac)
        {
            header.Cred = new Cred
            {
                Meta = new MetInf { Type = AuthTypes.Md5, Format = AuthTypes.FormatB64 },
                Data = Md5Auth.Compute(account.ClientName, account.ClientSecret, Md5Auth.DecodeNonce(account.ServerNonce)),
            };
        }

        return new SyncMLMessage { Version = SyncMLVersion.V1_2, Header = header };
    }

    private static StatusCommand HeaderStatus(SyncHdr header, int code, string? nextNonce)
    {
        var status = new StatusCommand { MsgRef = header.MsgID, CmdRef = "0", Cmd = "SyncHdr", Code = code };
        if (header.Target?.LocURI is { } target)
        {
            status.TargetRefs.Add(target);
        }

        if (header.Source?.LocURI is { } source)
        {
            status.SourceRefs.Add(source);
        }

        if (nextNonce != null)
        {
            status.Chal = new Chal { Meta = new MetInf { Type = AuthTypes.Md5, Format = AuthTypes.FormatB64, NextNonce = nextNonce } };
        }

        return status;
    }

    /// <summary>401 with a fresh challenge for the server's header, the session's last message (its answer is not read).</summary>
    private async Task RefuseAsync(Uri url, DmAccount account, string sessionId, int msgId, SyncHdr header, CancellationToken ct)
    {
        var next = account with { ClientNonce = AuthNonce.Generate() };
        accountFile.Save(next);
        var message = Message(next, sessionId, msgId, withCred: false);
        var status = HeaderStatus(header, StatusCode.InvalidCredentials, next.ClientNonce);
        status.CmdID = "1";
        message.Body.Commands.Add(status);
        message.Body.Final = true;
        try
        {
            await SendAsync(url, codec.Encode(message), next, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            // The session is over either way; the error that matters is the server's failed authentication.
        }
    }

    /// <summary>One message and the server's reply: the decoded message, its <c>x-syncml-hmac</c> and its bytes.</summary>
    private async Task<(SyncMLMessage Reply, string? Mac, byte[] Bytes)> PostAsync(Uri url, SyncMLMessage message, DmAccount account, CancellationToken ct)
    {
        var body = codec.Encode(message);
        SyncExchange exchange;
        try
        {
            exchange = await SendAsync(url, body, account, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            // A connection dropped before the whole reply came: the same bytes once more. The server answers a message
            // it already took with the reply it cached, so nothing runs twice (docs/device-management.md "Resent messages").
            exchange = await SendAsync(url, body, account, ct).ConfigureAwait(false);
        }

        if (exchange.HttpStatus != 200)
        {
            throw new DmProtocolException($"the DM server answered HTTP {exchange.HttpStatus}");
        }

        try
        {
            return (codec.Decode(exchange.Body), exchange.Hmac, exchange.Body);
        }
        catch (SyncMLFormatException e)
        {
            throw new DmProtocolException("the DM server's reply is not a DM message: " + e.Message, e);
        }
    }

    /// <summary>Posts the bytes; in HMAC mode with their MAC over the server's last nonce (OMA-TS-DM_Security-V1_2 §5.5.2), on every message.</summary>
    private async Task<SyncExchange> SendAsync(Uri url, byte[] body, DmAccount account, CancellationToken ct)
    {
        if (!Hmac)
        {
            return await transport.PostAsync(url, body, codec.ContentType, ct).ConfigureAwait(false);
        }

        var headers = transport as ISyncHeaderTransport ?? throw new InvalidOperationException("HMAC-MD5 needs a transport that sends HTTP headers");
        var hmac = DmHmac.ComputeHeader(account.ClientName, account.ClientSecret, Md5Auth.DecodeNonce(account.ServerNonce), body);
        return await headers.PostAsync(url, body, codec.ContentType, [new(DmHmacHeader.HeaderName, hmac)], ct).ConfigureAwait(false);
    }
}
