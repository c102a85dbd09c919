// Backup and restore throughput of a 100,000-item store (docs/backup.md; bench/README.md "Backup and restore"):
//   dotnet run bench/backup/backup-bench.cs -- WORKDIR [ITEMS] [sqlite|postgres]
// Builds a store of ITEMS contacts (default 100,000) over 10 users through the storage API (every payload encrypted as
// the server stores it), then times: a full backup to a directory (snapshot, chunk, compress, encrypt, write, read-back
// verification), a second backup after replacing 20 items (what was not rewritten), `verify`, and a restore into an
// empty directory (SQLite) or an empty database (PostgreSQL). MB/s is the snapshot's size (the SQLite file, or the
// COPY snapshot of the PostgreSQL tables) over the wall time; CPU s is this process's CPU time, and on PostgreSQL
// "PG CPU s" the database server's: the cluster postmaster's own and its ended children's (every backup and restore
// connection is unpooled, so its backend has ended and been counted by then; autovacuum workers too). postgres runs on a private cluster started for the run (tests/Coffer.TestData PostgresCluster: initdb in a
// temporary directory, fsync off), as the test suite does.
#:project ../../src/Coffer.Backup/Coffer.Backup.csproj
#:project ../../src/Coffer.Storage.Sqlite/Coffer.Storage.Sqlite.csproj
#:project ../../tests/Coffer.TestData/Coffer.TestData.csproj
#:property TreatWarningsAsErrors=false
using System.Diagnostics;
using System.Text;
using Coffer.Backup;
using Coffer.Storage;
using Coffer.Storage.Postgres;
using Coffer.Storage.Sqlite;
using Coffer.TestData;

var work = Path.GetFullPath(args[0]);
var total = args.Length > 1 ? int.Parse(args[1]) : 100_000;
var postgres = args.Length > 2 && args[2] == "postgres";
if (Directory.Exists(work))
{
    Directory.Delete(work, recursive: true);
}

var data = Path.Combine(work, "data");
var backups = Path.Combine(work, "backups");
var connection = postgres ? PostgresCluster.Shared.ConnectionString(await PostgresCluster.Shared.CreateDatabaseAsync("bench")) : null;
ICofferStore Open(bool flush) => postgres
    ? new PostgresCofferStore(connection!, new StorageOptions { DataDir = data, FlushEveryCommit = flush })
    : new SqliteCofferStore(new StorageOptions { DataDir = data, FlushEveryCommit = flush });
const int Users = 10;
var perUser = total / Users;
var watch = Stopwatch.StartNew();
long firstDatastore = 0;
await using (var store = Open(flush: false))
{
    for (var u = 0; u < Users; u++)
    {
        await using var uow = await store.BeginAsync();
        var user = (await uow.Users.TryCreateAsync($"user{u}", "hash"))!;
        var ds = (await uow.Datastores.EnsureAsync(user.Id, DatastoreKind.Contacts)).Id;
        if (u == 0)
        {
            firstDatastore = ds;
        }

        for (var first = 0; first < perUser; first += 1000)
        {
            await uow.Items.AddAsync(ds, Enumerable.Range(first, Math.Min(1000, perUser - first)).Select(i => new NewItem("text/vcard", Card(u, i), "web")).ToList());
        }

        await uow.CommitAsync();
    }
}

Console.WriteLine($"store ({(postgres ? "PostgreSQL" : "SQLite")}): {total} items (built in {watch.Elapsed.TotalSeconds:F0} s)");
await using var server = Open(flush: true);
await server.InitializeAsync();
var keys = new BackupKeys(server.KeyRing.Master);
var repository = new BackupRepository(new DirectoryBackupTarget(backups), keys);
IBackupSource source = postgres ? new PostgresBackupSource(connection!, data) : new SqliteBackupSource(data);

Console.WriteLine("| run | snapshot bytes | chunks | new chunks | bytes written | stored bytes | wall s | CPU s | PG CPU s | MB/s |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
var full = await Timed("full backup (write + read-back verify)", () => repository.CreateAsync(source, 7, null, CancellationToken.None));
Report("full backup (incl. read-back verify)", full.Result.Manifest, full.Seconds, full.Cpu, full.PgCpu);

// A small change: 20 contacts of one user replaced, as one sync would.
await using (var uow = await server.BeginAsync())
{
    var some = await uow.Items.ListLiveAsync(firstDatastore, 0, 20);
    await uow.Items.ReplaceAsync(firstDatastore, some.Select(i => new ItemReplacement(i.Id, "text/vcard", Card(99, (int)i.Sequence), "web")).ToList());
    await uow.CommitAsync();
}

var second = await Timed("second backup", () => repository.CreateAsync(source, 7, null, CancellationToken.None));
Report("second backup after 20 items replaced", second.Result.Manifest, second.Seconds, second.Cpu, second.PgCpu);

var verify = await Timed("verify", () => repository.VerifyAsync(second.Result.Manifest.Id, null, CancellationToken.None));
Console.WriteLine($"| verify (read every chunk, tags, hashes, item counts) | {second.Result.Manifest.FileLength} | {verify.Result.ChunksRead} | - | - | {verify.Result.BytesRead} | {verify.Seconds:F1} | {verify.Cpu:F1} | {verify.PgCpu:F1} | {second.Result.Manifest.FileLength / 1e6 / verify.Seconds:F1} |");
var restored = new RestoreDestination(Path.Combine(work, "restored"), postgres ? PostgresCluster.Shared.ConnectionString(await PostgresCluster.Shared.CreateDatabaseAsync("restored")) : null);
var restore = await Timed("restore", () => repository.RestoreAsync(second.Result.Manifest.Id, restored, null, CancellationToken.None));
Console.WriteLine($"| restore into an empty {(postgres ? "database" : "directory")} (verified) | {second.Result.Manifest.FileLength} | {restore.Result.ChunksRead} | - | - | {restore.Result.BytesRead} | {restore.Seconds:F1} | {restore.Cpu:F1} | {restore.PgCpu:F1} | {second.Result.Manifest.FileLength / 1e6 / restore.Seconds:F1} |");
if (!full.Result.Ok || !second.Result.Ok || !verify.Result.Ok || !restore.Result.Ok)
{
    Console.WriteLine("FAILED: " + string.Join("; ", verify.Result.Damage.Concat(restore.Result.Damage)));
    return 1;
}

Console.WriteLine($"second backup: {second.Result.Manifest.Chunks.Count - second.Result.Manifest.NewChunks} of {second.Result.Manifest.Chunks.Count} chunks unchanged and not rewritten; " +
    $"{second.Result.Manifest.NewBytes} bytes written vs {full.Result.Manifest.NewBytes} for the full one ({100.0 * second.Result.Manifest.NewBytes / full.Result.Manifest.NewBytes:F1}%)");
return 0;

static void Report(string run, BackupManifest m, double seconds, double cpu, double pgCpu) =>
    Console.WriteLine($"| {run} | {m.FileLength} | {m.Chunks.Count} | {m.NewChunks} | {m.NewBytes} | {m.StoredBytes} | {seconds:F1} | {cpu:F1} | {pgCpu:F1} | {m.FileLength / 1e6 / seconds:F1} |");

async Task<(T Result, double Seconds, double Cpu, double PgCpu)> Timed<T>(string what, Func<Task<T>> run)
{
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var pg = PostgresCpu();
    var watch = Stopwatch.StartNew();
    var result = await run();
    return (result, watch.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, PostgresCpu() - pg);
}

// utime + stime + cutime + cstime of the postmaster (/proc/PID/stat fields 14-17, in clock ticks of 1/100 s).
double PostgresCpu()
{
    if (!postgres)
    {
        return 0;
    }

    var pid = File.ReadLines(Path.Combine(PostgresCluster.Shared.DataDir, "postmaster.pid")).First().Trim();
    var stat = File.ReadAllText($"/proc/{pid}/stat");
    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    return Enumerable.Range(11, 4).Sum(i => long.Parse(fields[i])) / 100.0;
}

static byte[] Card(int user, int i) => Encoding.UTF8.GetBytes(
    $"BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Coffer//bench//EN\r\nUID:u{user}-c{i}@bench.coffer\r\nN:Family{i % 997};Given{i};;;\r\nFN:Given{i} Family{i % 997}\r\n" +
    $"TEL;TYPE=CELL:+49170{i:D7}\r\nEMAIL;TYPE=INTERNET:given{i}.family{i % 997}@example.org\r\nORG:Company {i % 311}\r\nNOTE:contact {i} of user {user}\r\nEND:VCARD\r\n");
