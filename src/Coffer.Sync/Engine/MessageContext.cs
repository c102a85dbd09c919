using System.Globalization;
using Coffer.Storage;
using Coffer.Sync.Sessions;
using Coffer.SyncML;
using Microsoft.Extensions.Logging;

namespace Coffer.Sync.Engine;

/// <summary>
/// What the parts of the engine share while one message is applied: its unit of work, the message, the session's
/// state and party, and the reply being built. It lives for one message; only <see cref="State"/> outlives it (saved
/// with the session).
/// </summary>
internal sealed class MessageContext(IUnitOfWork uow, SyncMLMessage message, string endpointUrl, ILogger logger)
{
    private string? origin;

    public IUnitOfWork Uow => uow;

    public SyncMLMessage Message => message;

    public SyncHdr Header => message.Header;

    /// <summary>The client's MsgID, the MsgRef of every Status we answer with.</summary>
    public string MsgId { get; } = message.Header.MsgID?.Trim() ?? string.Empty;

    /// <summary>The server's URL as the client reached it (RespURI and the Source of our messages).</summary>
    public string EndpointUrl => endpointUrl;

    public ILogger Logger => logger;

    public SessionState State { get; set; } = new();

    public ReplyBuilder Reply { get; set; } = null!;

    /// <summary>The session's bearer token (null until the first message opened the session).</summary>
    public string? Token { get; set; }

    public UserAccount User { get; set; } = null!;

    public Device Device { get; set; } = null!;

    /// <summary>The origin recorded on every change this device makes (changes-since skips a device's own changes).</summary>
    public string Origin => origin ??= "device:" + Device.Id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Answers a command with a Status unless the client asked for none (NoResp, OMA-TS-SyncML_RepPro-V1_2 §5.1.12).</summary>
    public StatusCommand? Respond(SyncMLCommand command, int code, string? targetRef = null, string? sourceRef = null) =>
        command.NoResp ? null : Reply.AddStatus(MsgId, command.CmdID, command.ElementName, code, targetRef, sourceRef);

    /// <summary>
    /// OMA-TS-SyncML_RepPro-V1_2 §10: 400 "malformed syntax in the command". A Status is never answered with a Status
    /// (§6.6.17), so a malformed one is only logged.
    /// </summary>
    public void RespondMalformed(MalformedCommand bad)
    {
        logger.LogWarning("{Session}: malformed {Cmd} (CmdID {CmdId}): {Reason}", Describe(), bad.ElementName, bad.CmdID, LogRedaction.Reason(bad.Reason));
        if (bad.ElementName != "Status")
        {
            Respond(bad, StatusCode.BadRequest);
        }
    }

    /// <summary>Names the session in a log line (the token only by its label, SyncEngine.SessionLabel).</summary>
    public string Describe() =>
        $"user {User?.Name ?? "?"} device {State.DeviceId} session {State.ClientSessionId} ({(Token == null ? "-" : SyncEngine.SessionLabel(Token))})";
}
