namespace Coffer.SyncML.Dm;

/// <summary>
/// The status codes OMA DM uses and what they mean there (OMA-TS-DM_RepPro-V1_2 §10 "Response Status Codes",
/// which takes them from OMA-TS-SyncML_RepPro-V1_2 §10; the alert answers from OMA-TS-DM_Protocol-V1_2 §10).
/// The numeric constants are those of <see cref="StatusCode"/>; this class names them for DM.
/// </summary>
public static class DmStatus
{
    /// <summary>517: the responses to an Atomic do not fit one message (OMA-TS-SyncML_RepPro-V1_2 §10).</summary>
    public const int AtomicResponseTooLarge = 517;

    private static readonly Dictionary<int, string> Names = new()
    {
        [StatusCode.Ok] = "OK",
        [StatusCode.AcceptedForProcessing] = "Accepted for processing",
        [StatusCode.AuthenticationAccepted] = "Authentication accepted",
        [StatusCode.ChunkedItemAccepted] = "Chunked item accepted",
        [StatusCode.OperationCancelled] = "Operation cancelled",
        [StatusCode.NotExecuted] = "Not executed",
        [StatusCode.AtomicRollBackOk] = "Atomic roll back OK",
        [StatusCode.NotModified] = "Not modified (user interaction: not confirmed)",
        [StatusCode.BadRequest] = "Bad request",
        [StatusCode.InvalidCredentials] = "Invalid credentials",
        [StatusCode.Forbidden] = "Forbidden",
        [StatusCode.NotFound] = "Not found",
        [StatusCode.CommandNotAllowed] = "Command not allowed",
        [StatusCode.OptionalFeatureNotSupported] = "Optional feature not supported",
        [StatusCode.MissingCredentials] = "Missing credentials",
        [StatusCode.RequestTimeout] = "Request timeout",
        [StatusCode.IncompleteCommand] = "Incomplete command",
        [StatusCode.RequestEntityTooLarge] = "Request entity too large",
        [StatusCode.UriTooLong] = "URI too long",
        [StatusCode.UnsupportedMediaType] = "Unsupported media type or format",
        [StatusCode.RequestedSizeTooBig] = "Requested size too big",
        [StatusCode.AlreadyExists] = "Already exists",
        [StatusCode.DeviceFull] = "Device full",
        [StatusCode.SizeMismatch] = "Size mismatch",
        [StatusCode.PermissionDenied] = "Permission denied",
        [StatusCode.CommandFailed] = "Command failed",
        [StatusCode.CommandNotImplemented] = "Command not implemented",
        [StatusCode.ServiceUnavailable] = "Service unavailable",
        [StatusCode.DtdVersionNotSupported] = "DTD version not supported",
        [StatusCode.ProcessingError] = "Processing error",
        [StatusCode.AtomicFailed] = "Atomic failed",
        [StatusCode.ProtocolVersionNotSupported] = "Protocol version not supported",
        [StatusCode.AtomicRollBackFailed] = "Atomic roll back failed",
        [AtomicResponseTooLarge] = "Atomic response too large to fit",
    };

    /// <summary>The codes DM uses, ascending.</summary>
    public static IReadOnlyList<int> Codes { get; } = [.. Names.Keys.Order()];

    /// <summary>The name of <paramref name="code"/>, or "status N" for one DM does not use.</summary>
    public static string Name(int code) => Names.TryGetValue(code, out var name) ? name : $"status {code}";

    /// <summary>2xx: the command succeeded (OMA-TS-SyncML_RepPro-V1_2 §10: 1xx informational, 2xx success).</summary>
    public static bool IsSuccess(int code) => code is >= 200 and < 300;
}
