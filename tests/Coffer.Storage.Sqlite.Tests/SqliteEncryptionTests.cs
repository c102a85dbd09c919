using System.Text;
using Coffer.Storage.Tests;
using Microsoft.Data.Sqlite;

namespace Coffer.Storage.Sqlite.Tests;

/// <summary>Encryption at rest in the SQLite backend: what the file holds, master key rotation, stores from before.</summary>
public sealed class SqliteEncryptionTests : IDisposable
{
    private const string Marker = "MARKER-7c1e-zebra-quokka";
    private readonly string dataDir = Path.Combine(Path.GetTempPath(), "coffer-storage-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(dataDir))
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task Every_kind_of_stored_payload_is_encrypted_and_reads_back()
    {
        var md5 = Convert.ToBase64String(Encoding.ASCII.GetBytes("0123456789abcdef"));
        var card = Encoding.UTF8.GetBytes($"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{Marker}\r\nEND:VCARD\r\n");
        var bigNote = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(Marker + " ", 400)));
        var devInf = Encoding.UTF8.GetBytes($"<DevInf><Man>{Marker}</Man></DevInf>");
        var sip = SipDigestCredential.Compute("alice", "coffer", Marker);
        await using (var store = NewStore())
        {
            await using var uow = await store.BeginAsync();
            var user = (await uow.Users.TryCreateAsync("alice", "h", md5))!;
            await uow.SipCredentials.SetAsync(user.Id, sip);
            var ds = (await uow.Datastores.EnsureAsync(user.Id, DatastoreKind.Contacts)).Id;
            var added = await uow.Items.AddAsync(ds, [new NewItem("text/vcard", card, "import"), new NewItem("text/plain", bigNote, "import")]);
            await uow.Items.ReplaceAsync(ds, [new ItemReplacement(added[0].Id, "text/vcard", card, "import")]);
            var device = await uow.Devices.RegisterAccessAsync(user.Id, "phone");
            await uow.Devices.SetDevInfAsync(device.Id, devInf);
            var session = await uow.Sessions.CreateAsync(user.Id, device.Id, Encoding.UTF8.GetBytes("{\"pending\":\"" + Marker + "\"}"), TimeSpan.FromHours(1));
            await uow.Sessions.PutReplyAsync(session.Token, "2", new CachedReply(Encoding.UTF8.GetBytes("<SyncML>" + Marker + "</SyncML>"), "application/vnd.syncml+xml"));
            await uow.Sessions.AppendChunkAsync(session.Token, Encoding.UTF8.GetBytes(Marker[..10]));
            await uow.Sessions.AppendChunkAsync(session.Token, Encoding.UTF8.GetBytes(Marker[10..]));
            var anonymous = await uow.Sessions.CreateAsync(null, null, Encoding.UTF8.GetBytes(Marker), TimeSpan.FromHours(1));
            await uow.CommitAsync();

            await using var read = await store.BeginAsync();
            (await read.Users.GetAsync(user.Id))!.Md5Credential.ShouldBe(md5);
            (await read.Items.GetVersionsAsync(ds, added[0].Id)).Select(v => v.Content).ShouldBe([card, card]);
            (await read.Items.GetAsync(ds, [added[1].Id]))[0].Content.ShouldBe(bigNote);
            (await read.Devices.GetByIdAsync(device.Id))!.DevInf.ShouldBe(devInf);
            Encoding.UTF8.GetString((await read.Sessions.GetAsync(session.Token))!.State).ShouldContain(Marker);
            Encoding.UTF8.GetString((await read.Sessions.GetReplyAsync(session.Token, "2"))!.Body).ShouldContain(Marker);
            Encoding.UTF8.GetString(await read.Sessions.TakeChunksAsync(session.Token)).ShouldBe(Marker);
            Encoding.UTF8.GetString((await read.Sessions.GetAsync(anonymous.Token))!.State).ShouldBe(Marker);
            var counts = await read.DataKeys.CountPayloadsAsync();
            counts.Sum(c => c.Clear).ShouldBe(0);
            counts.Single(c => c.Place == "item versions").Encrypted.ShouldBe(3);
            counts.Single(c => c.Place == "md5 credentials").Encrypted.ShouldBe(1);
            counts.Single(c => c.Place == "SIP HA1s").Encrypted.ShouldBe(2);
            (await read.SipCredentials.FindAsync("alice", "coffer", "SHA-256"))!.Ha1.ShouldBe(sip.Sha256Ha1);
            (await read.DataKeys.ListAsync()).Select(k => k.UserId).Order().ShouldBe([PayloadContext.ServerScope, user.Id]);
        }

        SqliteConnection.ClearAllPools();
        FilesContaining(Marker).ShouldBeEmpty();
        FilesContaining(md5).ShouldBeEmpty();
        FilesContaining(sip.Md5Ha1).ShouldBeEmpty();
        FilesContaining(sip.Sha256Ha1).ShouldBeEmpty();
    }

    [Fact]
    public async Task Rotation_rewraps_every_data_key_items_stay_readable_and_the_old_master_key_opens_nothing()
    {
        var (user, ds, ids) = await SeedAsync(users: 3);
        var keyPath = Path.Combine(dataDir, MasterKeyFile.FileName);
        var oldKey = MasterKeyFile.TryRead(keyPath)!;

        RotationResult result;
        await using (var store = NewStore())
        {
            result = await MasterKeyRotation.RotateAsync(store, store.Options);
        }

        result.OldMasterKeyId.ShouldBe(oldKey.Id);
        result.DataKeys.ShouldBe(3);
        MasterKeyFile.TryRead(keyPath)!.Id.ShouldBe(result.NewMasterKeyId);
        MasterKeyFile.TryRead(Path.Combine(dataDir, MasterKeyFile.OldFileName))!.Id.ShouldBe(oldKey.Id);
        File.Exists(Path.Combine(dataDir, MasterKeyFile.NewFileName)).ShouldBeFalse();

        await using (var store = NewStore())
        {
            await using var uow = await store.BeginReadAsync();
            (await uow.Items.GetAsync(ds, ids)).Select(i => Encoding.UTF8.GetString(i.Content!)).ShouldAllBe(c => c.Contains(Marker));
            (await uow.Users.GetAsync(user))!.Md5Credential.ShouldBe("bWQ1");
            foreach (var key in await uow.DataKeys.ListAsync())
            {
                key.MasterKeyId.ShouldBe(result.NewMasterKeyId);
                Should.Throw<StorageException>(() => oldKey.Unwrap(key.Wrapped, key.UserId, key.Id));
            }
        }

        await using (var withOldKey = new SqliteCofferStore(new StorageOptions { DataDir = dataDir, MasterKey = oldKey.ToBase64(), MasterKeySource = "test" }))
        {
            (await Should.ThrowAsync<StorageException>(() => withOldKey.InitializeAsync())).Message.ShouldContain(result.NewMasterKeyId);
        }

        await using (var store = NewStore())
        {
            (await MasterKeyRotation.ConfirmAsync(store, store.Options)).ShouldBe(3);
        }

        File.Exists(Path.Combine(dataDir, MasterKeyFile.OldFileName)).ShouldBeFalse();
    }

    [Fact]
    public async Task A_rotation_interrupted_after_its_commit_is_finished_at_the_next_start()
    {
        var (_, ds, ids) = await SeedAsync(users: 1);
        var keyPath = Path.Combine(dataDir, MasterKeyFile.FileName);
        RotationResult result;
        await using (var store = NewStore())
        {
            result = await MasterKeyRotation.RotateAsync(store, store.Options);
        }

        // As if the process died between the commit and the renames.
        File.Move(keyPath, Path.Combine(dataDir, MasterKeyFile.NewFileName));
        File.Move(Path.Combine(dataDir, MasterKeyFile.OldFileName), keyPath);

        await using (var store = NewStore())
        {
            await using var uow = await store.BeginReadAsync();
            (await uow.Items.GetAsync(ds, ids)).Count.ShouldBe(ids.Count);
            store.KeyRing.Master.Id.ShouldBe(result.NewMasterKeyId);
        }

        MasterKeyFile.TryRead(keyPath)!.Id.ShouldBe(result.NewMasterKeyId);
        MasterKeyFile.TryRead(Path.Combine(dataDir, MasterKeyFile.OldFileName))!.Id.ShouldBe(result.OldMasterKeyId);
    }

    [Fact]
    public async Task A_missing_or_wrong_master_key_stops_the_store_instead_of_making_a_new_one()
    {
        await SeedAsync(users: 1);
        File.Delete(Path.Combine(dataDir, MasterKeyFile.FileName));
        await using (var store = NewStore())
        {
            (await Should.ThrowAsync<StorageException>(() => store.BeginReadAsync())).Message.ShouldContain("missing");
        }

        File.Exists(Path.Combine(dataDir, MasterKeyFile.FileName)).ShouldBeFalse();
        await using var other = new SqliteCofferStore(new StorageOptions { DataDir = dataDir, MasterKey = MasterKey.Generate("x").ToBase64(), MasterKeySource = "environment TEST" });
        (await Should.ThrowAsync<StorageException>(() => other.BeginReadAsync())).Message.ShouldContain("environment TEST");
    }

    [Fact]
    public async Task Deleting_a_user_deletes_their_data_keys()
    {
        var (user, _, _) = await SeedAsync(users: 2);
        await using var store = NewStore();
        await using (var uow = await store.BeginAsync())
        {
            await uow.Users.DeleteAsync(user);
            await uow.CommitAsync();
        }

        await using var read = await store.BeginReadAsync();
        (await read.DataKeys.ListAsync()).ShouldAllBe(k => k.UserId != user);
        (await read.DataKeys.ListAsync()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_store_written_before_encryption_is_encrypted_at_the_next_start_and_reads_the_same()
    {
        // A version-3 database as the previous release left it: Brotli or raw payloads in clear, the md5 credential
        // as text, DevInf as its XML.
        Directory.CreateDirectory(dataDir);
        var cards = RealItems.Contacts.Take(5).Select(c => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(c).Replace("END:VCARD", $"NOTE:{Marker}\r\nEND:VCARD", StringComparison.Ordinal))).ToList();
        cards.Add(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat($"NOTE:{Marker}\r\n", 200))));
        var ids = cards.Select(_ => Guid.CreateVersion7().ToString("D")).ToList();
        var devInf = Encoding.UTF8.GetBytes($"<DevInf><Mod>{Marker}</Mod></DevInf>");
        const string Md5 = "ZmFrZS1tZDUtY3JlZGVudGlhbA==";
        using (var legacy = new SqliteConnection($"Data Source={Path.Combine(dataDir, SqliteCofferStore.FileName)};Pooling=False"))
        {
            legacy.Open();
            Exec(legacy, "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied INTEGER NOT NULL)");
            foreach (var (version, sql) in SqliteMigrations.All.Where(m => m.Version <= 3))
            {
                Exec(legacy, sql);
                Exec(legacy, $"INSERT INTO schema_version VALUES ({version}, 0)");
            }

            Exec(legacy, "INSERT INTO users (id, name, name_key, password_hash, identity_secret, seq, created, password_changed, md5_credential) VALUES (1, 'alice', 'alice', 'h', x'00', 6, 0, 0, $md5)", ("$md5", Md5));
            Exec(legacy, "INSERT INTO datastores (id, user_id, kind, created) VALUES (1, 1, 0, 0)");
            Exec(legacy, "INSERT INTO devices (id, user_id, device_id, devinf, first_seen, last_access) VALUES (1, 1, 'phone', $d, 0, 0)", ("$d", devInf));
            // As builds before encryption wrote a card: the fixed 11-byte header, uncompressed.
            static byte[] Legacy(byte[] card)
            {
                var header = new PayloadHeader(PayloadCompression.None, PayloadCipher.None, 0, card.Length, 0, PayloadHeader.FixedFormat);
                var blob = new byte[PayloadHeader.FixedSize + card.Length];
                header.Write(blob);
                card.CopyTo(blob, PayloadHeader.FixedSize);
                return blob;
            }

            for (var n = 0; n < cards.Count; n++)
            {
                Exec(legacy, "INSERT INTO items (id, datastore_id, version, seq, deleted, content_type, size, created, modified, origin) VALUES ($id, 1, 1, $seq, 0, 'text/vcard', $size, 0, 0, 'import')", ("$id", ids[n]), ("$seq", n + 1), ("$size", cards[n].Length));
                Exec(legacy, "INSERT INTO item_versions (item_id, version, seq, deleted, content_type, size, origin, time, payload) VALUES ($id, 1, $seq, 0, 'text/vcard', $size, 'import', 0, $p)", ("$id", ids[n]), ("$seq", n + 1), ("$size", cards[n].Length), ("$p", Legacy(cards[n])));
            }
        }

        FilesContaining(Marker).ShouldNotBeEmpty("the legacy file holds the marker in clear");
        await using (var store = NewStore())
        {
            await using var uow = await store.BeginReadAsync();
            (await uow.Items.GetAsync(1, ids)).Select(i => i.Content).ShouldBe(cards);
            (await uow.Users.GetAsync(1))!.Md5Credential.ShouldBe(Md5);
            (await uow.Devices.GetByIdAsync(1))!.DevInf.ShouldBe(devInf);
            var counts = await uow.DataKeys.CountPayloadsAsync();
            counts.Sum(c => c.Clear).ShouldBe(0);
            counts.Sum(c => c.Encrypted).ShouldBe(cards.Count + 2);
        }

        SqliteConnection.ClearAllPools();
        FilesContaining(Marker).ShouldBeEmpty();
        FilesContaining(Md5).ShouldBeEmpty();
    }

    private async Task<(long User, long Datastore, List<string> Ids)> SeedAsync(int users)
    {
        await using var store = NewStore();
        await using var uow = await store.BeginAsync();
        long first = 0, firstDs = 0;
        List<string> ids = [];
        for (var n = 0; n < users; n++)
        {
            var user = (await uow.Users.TryCreateAsync($"user{n}", "h", "bWQ1"))!.Id;
            var ds = (await uow.Datastores.EnsureAsync(user, DatastoreKind.Notes)).Id;
            var added = await uow.Items.AddAsync(ds, [.. Enumerable.Range(0, 4).Select(i => new NewItem("text/plain", Encoding.UTF8.GetBytes($"{Marker} {i}"), "import"))]);
            if (n == 0)
            {
                (first, firstDs, ids) = (user, ds, added.Select(a => a.Id).ToList());
            }
        }

        await uow.CommitAsync();
        return (first, firstDs, ids);
    }

    /// <summary>Files of the data directory (key files aside) holding <paramref name="text"/> as UTF-8.</summary>
    private List<string> FilesContaining(string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        return Directory.EnumerateFiles(dataDir)
            .Where(f => !Path.GetFileName(f).StartsWith(MasterKeyFile.FileName, StringComparison.Ordinal))
            .Where(f => File.ReadAllBytes(f).AsSpan().IndexOf(needle) >= 0)
            .ToList();
    }

    private static void Exec(SqliteConnection connection, string sql, params (string Name, object Value)[] args)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in args)
        {
            cmd.Parameters.AddWithValue(name, value);
        }

        cmd.ExecuteNonQuery();
    }

    private SqliteCofferStore NewStore() => new(new StorageOptions { DataDir = dataDir });
}
