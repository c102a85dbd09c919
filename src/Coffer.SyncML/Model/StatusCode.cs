namespace Coffer.SyncML;

/// <summary>
/// Response status codes carried in Status/Data. Source: OMA-TS-SyncML_RepPro-V1_2 chapter "Response Status Codes"
/// (the codes OMA-TS-DS_Protocol-V1_2 uses for data synchronization). 1xx informational, 2xx success,
/// 3xx redirection, 4xx originator exceptions, 5xx recipient exceptions.
/// </summary>
public static class StatusCode
{
    // 1xx informational
    /// <summary>101: the command is being carried out but has not completed.</summary>
    public const int InProgress = 101;

    // 2xx successful
    /// <summary>200: the command completed successfully.</summary>
    public const int Ok = 200;

    /// <summary>201: the requested item was added.</summary>
    public const int ItemAdded = 201;

    /// <summary>202: accepted for processing (asynchronous, e.g. Exec or an Alert to a user).</summary>
    public const int AcceptedForProcessing = 202;

    /// <summary>203: answered by an entity other than the one targeted.</summary>
    public const int NonAuthoritativeResponse = 203;

    /// <summary>204: completed, no data returned (also a Get on an empty target).</summary>
    public const int NoContent = 204;

    /// <summary>205: the source should synchronize to get an up-to-date version.</summary>
    public const int ResetContent = 205;

    /// <summary>206: only part of the command was completed.</summary>
    public const int PartialContent = 206;

    /// <summary>207: conflict resolved by merging client and server data.</summary>
    public const int ConflictResolvedWithMerge = 207;

    /// <summary>208: conflict resolved with the client's command winning.</summary>
    public const int ConflictResolvedWithClientWinning = 208;

    /// <summary>209: conflict resolved by duplicating the item.</summary>
    public const int ConflictResolvedWithDuplicate = 209;

    /// <summary>210: deleted without archiving although Archive was asked for.</summary>
    public const int DeleteWithoutArchive = 210;

    /// <summary>211: the item to delete was not found (item not deleted).</summary>
    public const int ItemNotDeleted = 211;

    /// <summary>212: authentication accepted for the whole session.</summary>
    public const int AuthenticationAccepted = 212;

    /// <summary>213: a chunk of a large object was accepted and buffered.</summary>
    public const int ChunkedItemAccepted = 213;

    /// <summary>214: the operation was cancelled; no more commands are processed.</summary>
    public const int OperationCancelled = 214;

    /// <summary>215: not executed because of user interaction cancelling it.</summary>
    public const int NotExecuted = 215;

    /// <summary>216: inside a failed Atomic, this command was rolled back successfully.</summary>
    public const int AtomicRollBackOk = 216;

    // 3xx redirection
    /// <summary>300: multiple choices; the target has several alternatives.</summary>
    public const int MultipleChoices = 300;

    /// <summary>301: the target moved permanently.</summary>
    public const int MovedPermanently = 301;

    /// <summary>302: the target was found under another URI (temporarily).</summary>
    public const int Found = 302;

    /// <summary>303: see another URI.</summary>
    public const int SeeOther = 303;

    /// <summary>304: not modified.</summary>
    public const int NotModified = 304;

    /// <summary>305: the target must be accessed through the proxy given.</summary>
    public const int UseProxy = 305;

    // 4xx originator exceptions
    /// <summary>400: malformed syntax; the command could not be performed.</summary>
    public const int BadRequest = 400;

    /// <summary>401: invalid credentials; proper authentication is required.</summary>
    public const int InvalidCredentials = 401;

    /// <summary>402: payment required.</summary>
    public const int PaymentRequired = 402;

    /// <summary>403: forbidden; understood but refused.</summary>
    public const int Forbidden = 403;

    /// <summary>404: the target was not found.</summary>
    public const int NotFound = 404;

    /// <summary>405: the command is not allowed on the target.</summary>
    public const int CommandNotAllowed = 405;

    /// <summary>406: an optional feature used by the command is not supported.</summary>
    public const int OptionalFeatureNotSupported = 406;

    /// <summary>407: credentials missing; authentication required.</summary>
    public const int MissingCredentials = 407;

    /// <summary>408: request timeout.</summary>
    public const int RequestTimeout = 408;

    /// <summary>409: update conflict between client and server.</summary>
    public const int Conflict = 409;

    /// <summary>410: the target is gone for good.</summary>
    public const int Gone = 410;

    /// <summary>411: a Size is required (large object without Meta Size).</summary>
    public const int SizeRequired = 411;

    /// <summary>412: incomplete command.</summary>
    public const int IncompleteCommand = 412;

    /// <summary>413: request entity too large.</summary>
    public const int RequestEntityTooLarge = 413;

    /// <summary>414: URI too long.</summary>
    public const int UriTooLong = 414;

    /// <summary>415: unsupported media type or format.</summary>
    public const int UnsupportedMediaType = 415;

    /// <summary>416: requested size too big.</summary>
    public const int RequestedSizeTooBig = 416;

    /// <summary>417: retry later.</summary>
    public const int RetryLater = 417;

    /// <summary>418: the item already exists.</summary>
    public const int AlreadyExists = 418;

    /// <summary>419: conflict resolved with the server's data winning.</summary>
    public const int ConflictResolvedWithServerData = 419;

    /// <summary>420: the recipient's device (datastore) is full.</summary>
    public const int DeviceFull = 420;

    /// <summary>421: unknown search grammar.</summary>
    public const int UnknownSearchGrammar = 421;

    /// <summary>422: bad CGI script (search).</summary>
    public const int BadCgiScript = 422;

    /// <summary>423: soft-delete conflict: the item was already soft-deleted.</summary>
    public const int SoftDeleteConflict = 423;

    /// <summary>424: the size of the assembled large object does not match the announced Size.</summary>
    public const int SizeMismatch = 424;

    /// <summary>425: permission denied.</summary>
    public const int PermissionDenied = 425;

    /// <summary>426: a partial item (chunk) was not accepted.</summary>
    public const int PartialItemNotAccepted = 426;

    /// <summary>427: the item (folder) is not empty.</summary>
    public const int ItemNotEmpty = 427;

    /// <summary>428: the Move failed.</summary>
    public const int MoveFailed = 428;

    // 5xx recipient exceptions
    /// <summary>500: command failed; generic recipient error.</summary>
    public const int CommandFailed = 500;

    /// <summary>501: command not implemented.</summary>
    public const int CommandNotImplemented = 501;

    /// <summary>502: bad gateway.</summary>
    public const int BadGateway = 502;

    /// <summary>503: service unavailable.</summary>
    public const int ServiceUnavailable = 503;

    /// <summary>504: gateway timeout.</summary>
    public const int GatewayTimeout = 504;

    /// <summary>505: the SyncML DTD version is not supported.</summary>
    public const int DtdVersionNotSupported = 505;

    /// <summary>506: processing error in the recipient.</summary>
    public const int ProcessingError = 506;

    /// <summary>507: an Atomic failed; all its commands failed.</summary>
    public const int AtomicFailed = 507;

    /// <summary>508: refresh required: the sync state must be refreshed (slow sync).</summary>
    public const int RefreshRequired = 508;

    /// <summary>509: reserved for future use.</summary>
    public const int Reserved509 = 509;

    /// <summary>510: data store failure.</summary>
    public const int DataStoreFailure = 510;

    /// <summary>511: server failure.</summary>
    public const int ServerFailure = 511;

    /// <summary>512: synchronization failed (application error during the session).</summary>
    public const int SynchronizationFailed = 512;

    /// <summary>513: the protocol version (VerProto) is not supported.</summary>
    public const int ProtocolVersionNotSupported = 513;

    /// <summary>514: the operation was already cancelled before the command was processed.</summary>
    public const int OperationCancelledBefore = 514;

    /// <summary>516: inside a failed Atomic, this command could not be rolled back.</summary>
    public const int AtomicRollBackFailed = 516;

    /// <summary>True for 2xx codes.</summary>
    public static bool IsSuccess(int code) => code is >= 200 and < 300;
}
