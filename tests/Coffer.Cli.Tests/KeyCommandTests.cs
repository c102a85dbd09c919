using System.Text;
using Coffer.Storage;
using Coffer.Storage.Providers;

namespace Coffer.Cli.Tests;

/// <summary>
/// <c>coffer keys status|rotate|confirm</c> on SQLite and on PostgreSQL: a rotation re-wraps every data key under the
/// new master key and leaves every stored payload byte for byte as it was; the key lives in the data directory's file
/// or in COFFER_MASTER_KEY, the same way for both providers.
/// </summary>
public sealed class KeyCommandTests : StoreTestBase
{
    [Theory, Providers]
    public async Task Rotate_rewraps_every_data_key_under_the_new_key_and_no_payload_is_rewritten(StoreProvider provider)
    {
        await CreateStoreAsync(provider);
        var (dataKeys, contents) = await SeedAsync(masterKey: null);
        var keyPath = Path.Combine(Test.DataDir, MasterKeyFile.FileName);
        var oldKey = MasterKeyFile.TryRead(keyPath)!;
        var payloadsBefore = await Test.RawPayloadsAsync();
        payloadsBefore.Count.ShouldBe(contents.Count);

        var status = Cli.Run(["keys", "status", .. Test.Args]);
        status.ExitCode.ShouldBe(0, status.StdErr);
        status.StdOut.ShouldContain($"master key: {oldKey.Id} (file {keyPath})");
        status.StdOut.ShouldContain($"data keys: {dataKeys} ");
        status.StdOut.ShouldContain($"{dataKeys} by {oldKey.Id}");
        status.StdOut.ShouldContain("nothing is stored in clear");

        var rotate = Cli.Run(["keys", "rotate", .. Test.Args]);
        rotate.ExitCode.ShouldBe(0, rotate.StdErr);
        var newKey = MasterKeyFile.TryRead(keyPath)!;
        newKey.Id.ShouldNotBe(oldKey.Id);
        rotate.StdOut.ShouldContain($"master key {oldKey.Id} -> {newKey.Id}: {dataKeys} data keys re-wrapped");
        MasterKeyFile.TryRead(Path.Combine(Test.DataDir, MasterKeyFile.OldFileName))!.Id.ShouldBe(oldKey.Id);

        await AssertRewrappedAsync(newKey, oldKey, dataKeys, payloadsBefore, contents, masterKey: null);

        var after = Cli.Run(["keys", "status", .. Test.Args]);
        after.ExitCode.ShouldBe(0, after.StdErr);
        after.StdOut.ShouldContain($"{dataKeys} by {newKey.Id}");
        after.StdOut.ShouldContain($"holds master key {oldKey.Id} (the previous one");

        var confirm = Cli.Run(["keys", "confirm", .. Test.Args]);
        confirm.ExitCode.ShouldBe(0, confirm.StdErr);
        confirm.StdOut.ShouldContain($"all {dataKeys} data keys open with master key {newKey.Id}");
        File.Exists(Path.Combine(Test.DataDir, MasterKeyFile.OldFileName)).ShouldBeFalse();

        var check = Cli.Run(["check", .. Test.Args]);
        check.ExitCode.ShouldBe(0, check.StdOut + check.StdErr);
        check.StdOut.ShouldContain($"{contents.Count} items");
    }

    [Theory, Providers]
    public async Task With_the_key_in_COFFER_MASTER_KEY_rotate_leaves_the_new_key_in_a_file_and_only_it_opens_the_store(StoreProvider provider)
    {
        await CreateStoreAsync(provider);
        var oldKey = MasterKey.Generate("test");
        var (dataKeys, contents) = await SeedAsync(oldKey.ToBase64());
        var payloadsBefore = await Test.RawPayloadsAsync();
        var withOld = new Dictionary<string, string?> { ["COFFER_MASTER_KEY"] = oldKey.ToBase64() };

        var status = Cli.RunWith(withOld, ["keys", "status", .. Test.Args]);
        status.ExitCode.ShouldBe(0, status.StdErr);
        status.StdOut.ShouldContain($"master key: {oldKey.Id} (environment COFFER_MASTER_KEY)");

        var rotate = Cli.RunWith(withOld, ["keys", "rotate", .. Test.Args]);
        rotate.ExitCode.ShouldBe(0, rotate.StdErr);
        File.Exists(Path.Combine(Test.DataDir, MasterKeyFile.FileName)).ShouldBeFalse("a configured key is never written to the data directory");
        var newKey = MasterKeyFile.TryRead(Path.Combine(Test.DataDir, MasterKeyFile.NewFileName))!;
        rotate.StdOut.ShouldContain($"{dataKeys} data keys re-wrapped");
        rotate.StdOut.ShouldContain("COFFER_MASTER_KEY");

        await AssertRewrappedAsync(newKey, oldKey, dataKeys, payloadsBefore, contents, newKey.ToBase64());

        // The old key now opens nothing: the verb says which key the data keys need.
        var stale = Cli.RunWith(withOld, ["keys", "status", .. Test.Args]);
        stale.ExitCode.ShouldBe(1);
        stale.StdErr.ShouldContain($"wrapped by master key {newKey.Id}");
        stale.StdErr.ShouldContain("environment COFFER_MASTER_KEY");

        // As the server reads it: Coffer:Storage:MasterKey from its configuration wins over the environment variable.
        var configured = new Dictionary<string, string?> { ["Coffer:Storage:MasterKey"] = newKey.ToBase64(), ["COFFER_MASTER_KEY"] = oldKey.ToBase64() };
        var confirm = Cli.RunWith(configured, ["keys", "confirm", .. Test.Args]);
        confirm.ExitCode.ShouldBe(0, confirm.StdErr);
        confirm.StdOut.ShouldContain($"all {dataKeys} data keys open with master key {newKey.Id}");
    }

    /// <summary>Two users with contacts (one with an md5 credential); returns the number of data keys and each item's content.</summary>
    private async Task<(int DataKeys, Dictionary<string, string> Contents)> SeedAsync(string? masterKey)
    {
        var contents = new Dictionary<string, string>();
        await using var store = Test.Open(masterKey);
        await using var uow = await store.BeginAsync();
        foreach (var name in new[] { "alice", "bob" })
        {
            var user = (await uow.Users.TryCreateAsync(name, PasswordHasher.Hash("pw", 1000), name == "alice" ? "bWQ1" : null))!;
            var ds = await uow.Datastores.EnsureAsync(user.Id, DatastoreKind.Contacts);
            var cards = Enumerable.Range(1, 3).Select(i => $"BEGIN:VCARD\r\nVERSION:3.0\r\nN:{name}{i};;;;\r\nFN:{name} {i}\r\nEND:VCARD\r\n").ToList();
            var added = await uow.Items.AddAsync(ds.Id, [.. cards.Select(c => new NewItem("text/vcard", Encoding.UTF8.GetBytes(c), "import"))]);
            for (var i = 0; i < added.Count; i++)
            {
                contents.Add(added[i].Id, cards[i]);
            }
        }

        await uow.CommitAsync();
        await using var read = await store.BeginReadAsync();
        return ((await read.DataKeys.ListAsync()).Count, contents);
    }

    private async Task AssertRewrappedAsync(MasterKey newKey, MasterKey oldKey, int dataKeys, Dictionary<string, byte[]> payloadsBefore, Dictionary<string, string> contents, string? masterKey)
    {
        // Payloads are encrypted under the data keys, which did not change: not one stored byte differs.
        var payloadsAfter = await Test.RawPayloadsAsync();
        payloadsAfter.Keys.Order(StringComparer.Ordinal).ShouldBe(payloadsBefore.Keys.Order(StringComparer.Ordinal));
        foreach (var (version, payload) in payloadsBefore)
        {
            payloadsAfter[version].ShouldBe(payload, version);
        }

        await using var store = Test.Open(masterKey);
        await using var read = await store.BeginReadAsync();
        var keys = await read.DataKeys.ListAsync();
        keys.Count.ShouldBe(dataKeys);
        foreach (var key in keys)
        {
            key.MasterKeyId.ShouldBe(newKey.Id);
            newKey.Unwrap(key.Wrapped, key.UserId, key.Id).Length.ShouldBe(DataKey.KeySize);
            Should.Throw<StorageException>(() => oldKey.Unwrap(key.Wrapped, key.UserId, key.Id));
        }

        var readBack = new Dictionary<string, string>();
        foreach (var name in new[] { "alice", "bob" })
        {
            var user = (await read.Users.FindByNameAsync(name))!;
            var ds = (await read.Datastores.ListAsync(user.Id)).Single().Id;
            foreach (var item in await read.Items.ListLiveAsync(ds, 0, 100))
            {
                readBack.Add(item.Id, Encoding.UTF8.GetString(item.Content!));
            }

            if (name == "alice")
            {
                user.Md5Credential.ShouldBe("bWQ1");
            }
        }

        readBack.ShouldBe(contents, ignoreOrder: true);
    }
}
