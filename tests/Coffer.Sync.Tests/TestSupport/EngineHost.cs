using System.Text;
using Coffer.Storage;
using Coffer.Storage.Sqlite;
using Coffer.Sync.Content;
using Coffer.Sync.Engine;
using Coffer.Sync.Progress;
using Coffer.SyncML;
using Coffer.SyncML.Wbxml;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coffer.Sync.Tests.TestSupport;

/// <summary>
/// A <see cref="SyncEngine"/> over a real SQLite store in a temporary DataDir: no HTTP, no client. Messages go in as
/// bytes (like the server passes them), replies come back decoded. <see cref="RestartAsync"/> drops the engine and the
/// store object and opens new ones on the same DataDir, as a server restart would.
/// </summary>
public sealed class EngineHost : IAsyncDisposable
{
    public const string Endpoint = "http://coffer.test/sync";

    private readonly string dataDir;
    private readonly Func<ContentHandlers> handlers;

    public EngineHost(SyncServerOptions? options = null, Func<ContentHandlers>? handlers = null, SyncProgress? progress = null)
    {
        Progress = progress;
        dataDir = Path.Combine(Path.GetTempPath(), "coffer-enginetests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDir);
        Options = options ?? new SyncServerOptions();
        this.handlers = handlers ?? ContentHandlers.CreateDefault;
        Store = Open();
        Engine = NewEngine();
    }

    public SyncServerOptions Options { get; }

    /// <summary>Where the engine publishes its sessions' progress (none when not given).</summary>
    public SyncProgress? Progress { get; }

    public SqliteCofferStore Store { get; private set; }

    public SyncEngine Engine { get; private set; }

    public static string TokenOf(SyncMLMessage reply)
    {
        var uri = reply.Header.RespURI ?? throw new InvalidOperationException("reply carries no RespURI");
        var at = uri.IndexOf("s=", StringComparison.Ordinal);
        at.ShouldBeGreaterThan(0, "RespURI without a session token: " + uri);
        return Uri.UnescapeDataString(uri[(at + 2)..]);
    }

    /// <summary>Creates an account (a cheap PBKDF2 iteration count keeps the tests fast; Verify reads it from the hash).</summary>
    public async Task<UserAccount> CreateUserAsync(string name, string password)
    {
        await using var uow = await Store.BeginAsync();
        var user = await uow.Users.TryCreateAsync(name, PasswordHasher.Hash(password, 1000));
        user.ShouldNotBeNull();
        await uow.CommitAsync();
        return user;
    }

    public async Task<SyncResponse> PostAsync(byte[] body, string? token, string contentType = SyncEngine.XmlContentType, CancellationToken ct = default) =>
        await Engine.HandleAsync(new SyncRequest(body, contentType, token, Endpoint, "127.0.0.1"), ct);

    /// <summary>Sends a message (XML) and returns the decoded reply; fails unless the engine answered HTTP 200 with SyncML.</summary>
    public async Task<Exchange> SendAsync(SyncMLMessage message, string? token, bool wbxml = false, CancellationToken ct = default)
    {
        var bytes = wbxml ? WbxmlEncoder.Encode(SyncMLXml.ToXDocument(message)) : SyncMLXml.ToUtf8Bytes(message);
        var response = await PostAsync(bytes, token, wbxml ? SyncEngine.WbxmlContentType : SyncEngine.XmlContentType, ct);
        response.HttpStatus.ShouldBe(200, Encoding.UTF8.GetString(response.Body));
        response.ContentType.ShouldBe(wbxml ? SyncEngine.WbxmlContentType : SyncEngine.XmlContentType);
        var reply = wbxml ? SyncMLXml.Read(WbxmlDecoder.Decode(response.Body)) : SyncMLXml.Parse(response.Body);
        return new Exchange(message, response, reply);
    }

    /// <summary>
    /// Stores items as if made on the web (origin "web"), for the server to send to devices; returns their ids. Like
    /// everything the server writes they are stored in the content handler's canonical form (vCard 3.0, iCalendar 2.0).
    /// </summary>
    public async Task<IReadOnlyList<string>> AddServerItemsAsync(string user, DatastoreKind kind, string contentType, IEnumerable<string> texts)
    {
        var handler = handlers().For(kind, contentType);
        var stored = texts.Select(t => handler.Normalize(t, contentType)).ToList();
        await using var uow = await Store.BeginAsync();
        var account = (await uow.Users.FindByNameAsync(user))!;
        var ds = await uow.Datastores.EnsureAsync(account.Id, kind);
        var added = await uow.Items.AddAsync(ds.Id, stored.Select(n => new NewItem(n.ContentType, Encoding.UTF8.GetBytes(n.Text), "web")).ToList());
        await uow.CommitAsync();
        return added.Select(a => a.Id).ToList();
    }

    /// <summary>A new store object and a new engine on the same DataDir: nothing survives in memory.</summary>
    public async Task RestartAsync()
    {
        await Store.DisposeAsync();
        Store = Open();
        Engine = NewEngine();
    }

    public async Task<long> CountLiveAsync(string user, DatastoreKind kind)
    {
        await using var uow = await Store.BeginReadAsync();
        var account = await uow.Users.FindByNameAsync(user);
        var ds = account == null ? null : await uow.Datastores.GetAsync(account.Id, kind);
        return ds == null ? 0 : await uow.Items.CountLiveAsync(ds.Id);
    }

    /// <summary>Every live item of a datastore as (id, content type, text), in sequence order.</summary>
    public async Task<IReadOnlyList<StoredSnapshot>> ListAsync(string user, DatastoreKind kind)
    {
        await using var uow = await Store.BeginReadAsync();
        var account = await uow.Users.FindByNameAsync(user);
        var ds = account == null ? null : await uow.Datastores.GetAsync(account.Id, kind);
        if (ds == null)
        {
            return [];
        }

        var items = await uow.Items.ListLiveAsync(ds.Id, 0, 10_000, true);
        return items.Select(i => new StoredSnapshot(i.Id, i.ContentType, Encoding.UTF8.GetString(i.Content ?? []), i.Version)).ToList();
    }

    /// <summary>The user's change sequence: any write, however hidden, moves it.</summary>
    public async Task<long> SequenceAsync(string user)
    {
        await using var uow = await Store.BeginReadAsync();
        var account = await uow.Users.FindByNameAsync(user);
        return account == null ? 0 : await uow.Items.GetCurrentSequenceAsync(account.Id);
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(dataDir, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private SqliteCofferStore Open() => new(new StorageOptions { DataDir = dataDir, FlushEveryCommit = false }, TimeProvider.System);

    private SyncEngine NewEngine() => new(Store, handlers(), Options, TimeProvider.System, NullLogger<SyncEngine>.Instance, progress: Progress);
}
