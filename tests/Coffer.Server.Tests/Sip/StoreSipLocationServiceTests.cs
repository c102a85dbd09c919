using Coffer.Server.Sip;
using Coffer.Sip.Location;
using Coffer.Storage;
using Coffer.Storage.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Coffer.Server.Tests.Sip;

/// <summary>The registrar's updates through the store, many at once (group commit), as a second node reads them.</summary>
public sealed class StoreSipLocationServiceTests : IAsyncLifetime
{
    private const int Users = 200;
    private readonly string dataDir = Path.Combine(Path.GetTempPath(), "coffer-server-tests", Guid.NewGuid().ToString("N")[..12]);
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private SqliteCofferStore store = null!;

    public async Task InitializeAsync()
    {
        store = new SqliteCofferStore(new StorageOptions { DataDir = dataDir }, time);
        await using var uow = await store.BeginAsync();
        for (var i = 0; i < Users; i++)
        {
            await uow.Users.TryCreateAsync($"user{i}", "hash");
        }

        await uow.CommitAsync();
    }

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dataDir, recursive: true);
    }

    [Fact]
    public async Task Concurrent_updates_are_all_durable_and_a_refused_one_changes_nothing()
    {
        await using var node = new StoreSipLocationService(store, time);
        var expires = time.GetUtcNow().AddSeconds(60);
        var updates = Enumerable.Range(0, Users).Select(i => node.UpdateAsync(
            $"user{i}",
            current => i % 10 == 0 ? null : new SipBindingChange([Binding($"user{i}", "phone", "call-1", 1, expires)], []))).ToList();
        var results = await Task.WhenAll(updates);

        // What a second node (its own location service over the same store) sees: every accepted update, nothing else.
        await using var other = new StoreSipLocationService(store, time);
        for (var i = 0; i < Users; i++)
        {
            var seen = await other.GetAsync($"user{i}");
            if (i % 10 == 0)
            {
                results[i].ShouldBeNull();
                seen.ShouldBeEmpty();
            }
            else
            {
                results[i]!.Select(b => b.Device).ShouldBe(["phone"]);
                seen.Single().CallId.ShouldBe("call-1");
            }
        }
    }

    [Fact]
    public async Task An_update_sees_the_bindings_an_earlier_one_wrote_and_gets_the_bindings_after_it()
    {
        await using var node = new StoreSipLocationService(store, time);
        var expires = time.GetUtcNow().AddSeconds(60);
        await node.UpdateAsync("user1", _ => new SipBindingChange([Binding("user1", "laptop", "a", 1, expires)], []));
        IReadOnlyList<SipBinding>? seen = null;
        var after = await node.UpdateAsync("user1", current =>
        {
            seen = current;
            return new SipBindingChange([Binding("user1", "phone", "b", 1, expires)], ["laptop"]);
        });

        seen!.Select(b => b.Device).ShouldBe(["laptop"]);
        after!.Select(b => b.Device).ShouldBe(["phone"]);
        (await node.GetAsync("user1")).Select(b => b.Device).ShouldBe(["phone"]);
    }

    private static SipBinding Binding(string user, string device, string callId, uint cseq, DateTimeOffset expires) =>
        new(user, device, $"sip:{device}@127.0.0.1:5070", "UDP 127.0.0.1:5070", expires, callId, cseq, "node-a");
}
