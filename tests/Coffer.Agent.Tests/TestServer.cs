using Coffer.Server;
using Coffer.Storage;
using Coffer.SyncML.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Agent.Tests;

/// <summary>The real Coffer host on Kestrel, 127.0.0.1, a free port and a private data directory.</summary>
public sealed class TestServer : IAsyncDisposable
{
    private TestServer(WebApplication app, string root, Uri syncUrl)
    {
        App = app;
        Root = root;
        SyncUrl = syncUrl;
    }

    public WebApplication App { get; }

    public string Root { get; }

    public Uri SyncUrl { get; }

    public ICofferStore Store => App.Services.GetRequiredService<ICofferStore>();

    public static async Task<TestServer> StartAsync(params string[] extraArgs)
    {
        var root = Path.Combine(Path.GetTempPath(), "coffer-agent-tests", Guid.NewGuid().ToString("N")[..12]);
        var app = CofferServerHost.Build(["--urls", "http://127.0.0.1:0", "--Coffer:Sip:Listen=127.0.0.1:0", "--data", Path.Combine(root, "server"), .. extraArgs]);
        await app.StartAsync();
        return new TestServer(app, root, new Uri(CofferServerHost.SyncUrls(app).Single()));
    }

    public async Task<UserAccount> AddUserAsync(string name, string password, bool md5 = false)
    {
        var hash = PasswordHasher.Hash(password);
        await using var uow = await Store.BeginAsync();
        var user = await uow.Users.TryCreateAsync(name, hash, md5 ? Md5Auth.CredentialHash(name, password) : null);
        user.ShouldNotBeNull();
        await uow.SipCredentials.SetAsync(user.Id, SipDigestCredential.Compute(name, SipDigestCredential.DefaultRealm, password));
        await uow.CommitAsync();
        return user;
    }

    public async Task<long> CountLiveAsync(UserAccount user, DatastoreKind kind)
    {
        await using var uow = await Store.BeginReadAsync();
        var datastore = await uow.Datastores.GetAsync(user.Id, kind);
        return datastore == null ? 0 : await uow.Items.CountLiveAsync(datastore.Id);
    }

    /// <summary>The blob chunks the server holds for <paramref name="user"/> (mail, SMS, photos, files).</summary>
    public async Task<long> CountBlobChunksAsync(UserAccount user)
    {
        await using var uow = await Store.BeginReadAsync();
        return (await uow.BlobChunks.CountAsync(user.Id)).Chunks;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
