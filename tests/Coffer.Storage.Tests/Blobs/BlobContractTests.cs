using System.Security.Cryptography;
using Coffer.Storage.Providers;
using Coffer.Storage.Tests.Contract;

namespace Coffer.Storage.Tests.Blobs;

/// <summary>The content-addressed blob store on every backend: de-duplication per user, isolation between users, streaming, sweeping.</summary>
public sealed class BlobContractTests : ContractTestBase
{
    private const int MiB = 1 << 20;

    [Theory]
    [StoreData]
    public async Task The_same_content_twice_for_one_user_is_stored_once(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (alice, _) = await NewUserAsync("alice");
        var content = Random(2 * MiB + 5, seed: 1);
        await using var uow = await Store.BeginAsync();
        var blobs = new BlobStore(uow);
        var first = await blobs.WriteAsync(alice, new MemoryStream(content));
        var second = await blobs.WriteAsync(alice, new MemoryStream(content));
        await uow.CommitAsync();

        first.ToBytes().ShouldBe(second.ToBytes());
        first.Chunks.Count.ShouldBe(3);
        (await CountAsync(alice)).ShouldBe((3L, (long)content.Length));
    }

    [Theory]
    [StoreData]
    public async Task Equal_content_of_two_users_is_stored_for_each_under_unrelated_names(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (alice, _) = await NewUserAsync("alice");
        var (bob, _) = await NewUserAsync("bob");
        var content = Random(1000, seed: 2);
        await using var uow = await Store.BeginAsync();
        var blobs = new BlobStore(uow);
        var ofAlice = await blobs.WriteAsync(alice, content);
        var ofBob = await blobs.WriteAsync(bob, content);
        await uow.CommitAsync();

        ofAlice.Chunks.Single().ShouldNotBe(ofBob.Chunks.Single());
        ofAlice.Root.ShouldNotBe(ofBob.Root);
        ofAlice.Chunks.Single().ShouldNotBe(SHA256.HashData(content), "a name is keyed, not the plain hash");
        (await CountAsync(alice)).Chunks.ShouldBe(1);
        (await CountAsync(bob)).Chunks.ShouldBe(1);
    }

    [Theory]
    [StoreData]
    public async Task A_user_who_knows_another_users_chunk_name_or_manifest_obtains_nothing(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (alice, _) = await NewUserAsync("alice");
        var (bob, _) = await NewUserAsync("bob");
        var content = Random(3000, seed: 3);
        BlobManifest manifest;
        await using (var uow = await Store.BeginAsync())
        {
            manifest = await new BlobStore(uow).WriteAsync(alice, content);
            await uow.CommitAsync();
        }

        await using var read = await Store.BeginReadAsync();
        var blobs = new BlobStore(read);
        (await blobs.TryReadChunkAsync(alice, manifest.Chunks[0])).ShouldBe(content);
        (await blobs.TryReadChunkAsync(bob, manifest.Chunks[0])).ShouldBeNull();
        await Should.ThrowAsync<StorageException>(() => blobs.ReadAllAsync(bob, manifest));
    }

    [Theory]
    [StoreData]
    public async Task A_64_MiB_stream_round_trips_holding_about_one_chunk_in_memory(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (alice, _) = await NewUserAsync("alice");
        const long size = 64L * MiB;
        var source = new GeneratedStream(size, seed: 4);
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        BlobManifest manifest;
        await using (var uow = await Store.BeginAsync())
        {
            manifest = await new BlobStore(uow).WriteAsync(alice, source);
            await uow.CommitAsync();
        }

        manifest.Size.ShouldBe(size);
        manifest.Chunks.Count.ShouldBe(64);
        var readHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var readPeak = 0L;
        await using (var uow = await Store.BeginReadAsync())
        {
            await using var stream = new BlobStore(uow).OpenRead(alice, manifest);
            var buffer = new byte[81920];
            long total = 0;
            int n;
            while ((n = await stream.ReadAsync(buffer)) > 0)
            {
                readHash.AppendData(buffer, 0, n);
                if ((total / (8 * MiB)) != ((total + n) / (8 * MiB)))
                {
                    readPeak = Math.Max(readPeak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
                }

                total += n;
            }

            total.ShouldBe(size);
        }

        readHash.GetHashAndReset().ShouldBe(source.Hash);

        // Live managed memory sampled every 8 MiB while the content streamed: a few chunks' worth, never the 64 MiB.
        // The bound leaves room for the provider's own buffers (Npgsql keeps a read buffer grown to a 1 MiB row).
        source.PeakLive(baseline).ShouldBeLessThan(24L * MiB);
        readPeak.ShouldBeLessThan(24L * MiB);
    }

    [Theory]
    [StoreData]
    public async Task Chunks_survive_a_sweep_while_a_version_or_a_storage_area_generation_refers_to_them(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (alice, _) = await NewUserAsync("alice");
        var shared = Random(MiB, seed: 5);
        var v1Content = shared.Concat(Random(100, seed: 6)).ToArray();
        var v2Content = shared.Concat(Random(100, seed: 7)).ToArray();
        long files;
        string itemId;
        BlobManifest v1;
        BlobManifest v2;
        await using (var uow = await Store.BeginAsync())
        {
            files = (await uow.Datastores.EnsureAsync(alice, DatastoreKind.Files)).Id;
            v1 = await new BlobStore(uow).WriteAsync(alice, v1Content);
            itemId = (await uow.Items.AddAsync(files, [new NewItem("image/jpeg", v1.ToBytes(), "device:phone")]))[0].Id;
            await uow.StorageArea.SaveAsync(files, "test", keep: 1);
            await uow.CommitAsync();
        }

        Clock.Advance(TimeSpan.FromDays(1));
        await using (var uow = await Store.BeginAsync())
        {
            v2 = await new BlobStore(uow).WriteAsync(alice, v2Content);
            await uow.Items.ReplaceAsync(files, [new ItemReplacement(itemId, "image/jpeg", v2.ToBytes(), "device:phone")]);
            await uow.CommitAsync();
        }

        Clock.Advance(TimeSpan.FromDays(10));
        (await SweepAsync(alice)).ShouldBe(0, "version 1 is in the history");
        await using (var uow = await Store.BeginAsync())
        {
            await uow.History.PruneAsync(Clock.GetUtcNow(), 100);
            await uow.CommitAsync();
        }

        (await SweepAsync(alice)).ShouldBe(0, "the storage-area generation still refers to version 1");
        await using (var uow = await Store.BeginAsync())
        {
            await uow.StorageArea.SaveAsync(files, "test", keep: 1);
            (await uow.History.PruneAsync(Clock.GetUtcNow(), 100)).ShouldBe(1);
            await uow.CommitAsync();
        }

        (await SweepAsync(alice)).ShouldBe(1, "only version 1's own tail chunk is unreferenced");
        await using var read = await Store.BeginReadAsync();
        (await new BlobStore(read).ReadAllAsync(alice, v2)).ShouldBe(v2Content);
        (await new BlobStore(read).TryReadChunkAsync(alice, v1.Chunks[1])).ShouldBeNull();
    }

    [Theory]
    [StoreData]
    public async Task A_sweep_leaves_recent_unreferenced_chunks_to_the_upload_that_wrote_them(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (alice, _) = await NewUserAsync("alice");
        await using (var uow = await Store.BeginAsync())
        {
            await new BlobStore(uow).WriteAsync(alice, Random(500, seed: 8));
            await uow.CommitAsync();
        }

        (await SweepAsync(alice, grace: TimeSpan.FromDays(1))).ShouldBe(0);
        Clock.Advance(TimeSpan.FromDays(2));
        (await SweepAsync(alice, grace: TimeSpan.FromDays(1))).ShouldBe(1);
    }

    [Theory]
    [StoreData]
    public async Task The_check_reads_every_chunk_back_and_finds_a_manifest_with_a_missing_chunk(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (alice, _) = await NewUserAsync("alice");
        BlobManifest manifest;
        await using (var uow = await Store.BeginAsync())
        {
            var files = (await uow.Datastores.EnsureAsync(alice, DatastoreKind.Files)).Id;
            manifest = await new BlobStore(uow).WriteAsync(alice, Random(MiB + 1, seed: 9));
            await uow.Items.AddAsync(files, [new NewItem("application/octet-stream", manifest.ToBytes(), "device:phone")]);
            await uow.CommitAsync();
        }

        (await CheckAsync(alice)).ShouldBe((2L, 0));
        await using (var uow = await Store.BeginAsync())
        {
            await uow.BlobChunks.DeleteAsync(alice, [manifest.Chunks[1]]);
            await uow.CommitAsync();
        }

        (await CheckAsync(alice)).ShouldBe((1L, 1));
    }

    private static byte[] Random(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private async Task<(long Chunks, long Bytes)> CountAsync(long user)
    {
        await using var uow = await Store.BeginReadAsync();
        return await uow.BlobChunks.CountAsync(user);
    }

    private async Task<int> SweepAsync(long user, TimeSpan? grace = null)
    {
        await using var uow = await Store.BeginAsync();
        var swept = await BlobSweep.RunAsync(uow, user, Clock.GetUtcNow() - (grace ?? TimeSpan.Zero));
        await uow.CommitAsync();
        return swept;
    }

    private async Task<(long Read, int Problems)> CheckAsync(long user)
    {
        await using var uow = await Store.BeginReadAsync();
        var account = (await uow.Users.GetAsync(user))!;
        var problems = new List<IntegrityProblem>();
        var read = await BlobCheck.RunAsync(uow, account, problems);
        return (read, problems.Count);
    }
}
