using System.Diagnostics;
using System.Globalization;
using Coffer.TestData;
using Npgsql;

namespace Coffer.Interop.Tests.Harness;

/// <summary>
/// The mirror center run by Patroni, on loopback in a temporary directory (no system service): a single-member etcd,
/// and two Patroni members in <c>synchronous_mode</c>, <see cref="First"/> the primary and <see cref="Second"/> its
/// synchronous standby once started. Nothing promotes anything by hand: when the primary's host dies, Patroni on the
/// standby takes the leader lock once it expired and promotes its PostgreSQL.
/// </summary>
public sealed class PatroniPair : IAsyncDisposable
{
    private readonly string root;
    private readonly EtcdProcess etcd;

    private PatroniPair(string root, EtcdProcess etcd, PatroniMember first, PatroniMember second)
    {
        this.root = root;
        this.etcd = etcd;
        First = first;
        Second = second;
    }

    /// <summary>The member that bootstrapped the cluster: the primary until it dies.</summary>
    public PatroniMember First { get; }

    /// <summary>The synchronous standby, a copy of <see cref="First"/> made by Patroni (pg_basebackup).</summary>
    public PatroniMember Second { get; }

    public string Output => $"{First.Output}\n{Second.Output}\netcd:\n{etcd.Output}";

    public static async Task<PatroniPair> StartAsync()
    {
        var runAs = Environment.IsPrivilegedProcess ? "postgres" : null;
        var root = Path.Combine(Path.GetTempPath(), "coffer-patroni-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        if (runAs != null)
        {
            ExternalTool.Run("chown", [runAs, root]).ExitCode.ShouldBe(0, "chown " + root);
        }

        var etcd = await EtcdProcess.StartAsync(Path.Combine(root, "etcd")).ConfigureAwait(false);
        var first = PatroniMember.Start(root, "pg1", etcd, runAs);
        var second = default(PatroniMember);
        try
        {
            StartWatchdog(root, runAs, etcd, first);
            await first.WaitUntilAsync("/primary", TimeSpan.FromSeconds(60)).ConfigureAwait(false);
            second = PatroniMember.Start(root, "pg2", etcd, runAs);
            StartWatchdog(root, runAs, etcd, second);

            // synchronous_mode: Patroni names the standby in synchronous_standby_names once it streams.
            await second.WaitUntilAsync("/sync", TimeSpan.FromSeconds(90)).ConfigureAwait(false);
            return new PatroniPair(root, etcd, first, second);
        }
        catch
        {
            if (second != null)
            {
                await second.DisposeAsync().ConfigureAwait(false);
            }

            await first.DisposeAsync().ConfigureAwait(false);
            await etcd.DisposeAsync().ConfigureAwait(false);
            Directory.Delete(root, recursive: true);
            throw;
        }
    }

    /// <summary>
    /// An Npgsql connection string naming both members, in the order given, that keeps the one accepting writes
    /// (target_session_attrs=read-write), as the nodes of docs/operations.md are configured.
    /// </summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{First.Port},127.0.0.1:{Second.Port}"),
        Username = "postgres",
        Database = database,
        TargetSessionAttributes = "read-write",
        HostRecheckSeconds = 1,
    }.ConnectionString;

    /// <summary>Creates an empty database on the primary and returns its name.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'", connection);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        return name;
    }

    public async ValueTask DisposeAsync()
    {
        await Second.DisposeAsync().ConfigureAwait(false);
        await First.DisposeAsync().ConfigureAwait(false);
        await etcd.DisposeAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>
    /// A detached shell that outlives a test process killed by the runner (which kills the process tree, not
    /// processes run as another user or in their own session): once this process is gone it kills the member's
    /// Patroni and etcd, stops its PostgreSQL at once and removes the directory.
    /// </summary>
    private static void StartWatchdog(string root, string? runAs, EtcdProcess etcd, PatroniMember member)
    {
        const string Script = """
            exec </dev/null >/dev/null 2>&1
            tail --pid="$1" -f /dev/null
            kill -9 "$2" "$3"
            if [ -n "$6" ]; then runuser -u "$6" -- "$4" -D "$5" -m immediate -w stop; else "$4" -D "$5" -m immediate -w stop; fi
            rm -rf "$7"
            """;
        var pgCtl = Path.Combine(PatroniMember.BinDir(), "pg_ctl");
        using var watchdog = Process.Start(new ProcessStartInfo("setsid")
        {
            ArgumentList =
            {
                "-f", "sh", "-c", Script, "sh", Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
                member.ProcessId.ToString(CultureInfo.InvariantCulture), etcd.ProcessId.ToString(CultureInfo.InvariantCulture),
                pgCtl, member.DataDir, runAs ?? string.Empty, root,
            },
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("setsid did not start");
        watchdog.WaitForExit();
    }
}
