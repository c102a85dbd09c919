using System.Globalization;
using System.Text;

namespace Coffer.Interop.Tests.Harness;

/// <summary>
/// A configured SyncEvolution client ("a phone") whose datastores are plain folders, one item per file.
/// Create it with <see cref="CreateAsync"/>, put items in its folders, and run <see cref="SyncAsync(SyncMode, Datastore[])"/>.
/// </summary>
public sealed class Phone
{
    /// <summary>Default limit for one sync run; a hung session fails the test instead of the whole run.</summary>
    public static readonly TimeSpan DefaultSyncTimeout = TimeSpan.FromSeconds(90);

    private Phone(SyncEvolutionEnvironment environment, string name, string syncUrl, string user, string password, PhoneOptions options)
    {
        Environment = environment;
        Name = name;
        SyncUrl = syncUrl;
        User = user;
        Password = password;
        Options = options;
        DeviceId = options.DeviceId ?? "coffer-test-" + name;
        DataDirectory = environment.CreateDirectory("phones", name);
    }

    public SyncEvolutionEnvironment Environment { get; }

    public string Name { get; }

    /// <summary>The SyncEvolution configuration name, NAME@NAME (own context per phone).</summary>
    public string ConfigName => $"{Name}@{Name}";

    public string SyncUrl { get; }

    public string User { get; }

    public string Password { get; private set; }

    /// <summary>The deviceId the client sends as its SyncML Source LocURI (OMA-TS-DS_Protocol-V1_2 §5.1).</summary>
    public string DeviceId { get; }

    public PhoneOptions Options { get; }

    /// <summary>Holds one folder per datastore.</summary>
    public string DataDirectory { get; }

    /// <summary>Configures a new phone in <paramref name="environment"/>; the datastore folders are created empty.</summary>
    public static async Task<Phone> CreateAsync(
        SyncEvolutionEnvironment environment,
        string name,
        string syncUrl,
        string user,
        string password,
        PhoneOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var phone = new Phone(environment, name, syncUrl, user, password, options ?? new PhoneOptions());
        foreach (var datastore in DatastoreInfo.All)
        {
            Directory.CreateDirectory(phone.FolderOf(datastore));
        }

        var o = phone.Options;
        var arguments = new List<string>
        {
            "--configure", "--template", "none",
            // No keyring: there is no desktop session, and the password must be readable from the config.
            "keyring=no",
            "syncURL=" + syncUrl,
            "username=" + user,
            "password=" + password,
            "deviceId=" + phone.DeviceId,
            "enableWBXML=" + (o.Wbxml ? "1" : "0"),
            "clientAuthType=" + (o.Auth == ClientAuth.Md5 ? "md5" : "basic"),
            "maxMsgSize=" + o.MaxMsgSize.ToString(CultureInfo.InvariantCulture),
            "maxObjSize=" + o.MaxObjSize.ToString(CultureInfo.InvariantCulture),
            "enableRefreshSync=" + (o.EnableRefreshSync ? "1" : "0"),
            "RetryInterval=" + Seconds(o.RetryInterval),
            "RetryDuration=" + Seconds(o.RetryDuration),
            "loglevel=" + o.LogLevel.ToString(CultureInfo.InvariantCulture),
            "printChanges=0",
            "dumpData=0",
            "maxlogdirs=20",
        };
        arguments.AddRange(o.ExtraProperties);
        foreach (var datastore in DatastoreInfo.All)
        {
            var remote = o.RemoteNames.TryGetValue(datastore, out var r) ? r : datastore.DefaultRemoteName();
            arguments.AddRange(datastore.ConfigProperties(phone.FolderOf(datastore), remote));
        }

        arguments.Add(phone.ConfigName);
        arguments.AddRange(DatastoreInfo.All.Select(d => d.LocalName()));
        var result = await environment.RunSyncEvolutionAsync(arguments, TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"syncevolution --configure {phone.ConfigName} failed (exit {result.ExitCode}):\n{result.Output}");
        }

        return phone;
    }

    /// <summary>The folder that is the phone's datastore (one file per item).</summary>
    public string FolderOf(Datastore datastore) => Path.Combine(DataDirectory, datastore.LocalName());

    /// <summary>Writes (creates or replaces) one item file.</summary>
    public string WriteItem(Datastore datastore, string fileName, string content)
    {
        var path = ItemPath(datastore, fileName);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    public string ReadItem(Datastore datastore, string fileName) => File.ReadAllText(ItemPath(datastore, fileName));

    /// <summary>Every item of a datastore by file name (ordinal order).</summary>
    public IReadOnlyDictionary<string, string> ReadItems(Datastore datastore) =>
        Directory.GetFiles(FolderOf(datastore))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToDictionary(f => Path.GetFileName(f), File.ReadAllText, StringComparer.Ordinal);

    public int CountItems(Datastore datastore) => Directory.GetFiles(FolderOf(datastore)).Length;

    /// <summary>
    /// Rewrites one item. The file backend detects changes by modification time, so the time is moved
    /// forward when the edit lands in the same second as the previous write.
    /// </summary>
    public void EditItem(Datastore datastore, string fileName, Func<string, string> edit)
    {
        var path = ItemPath(datastore, fileName);
        var before = File.GetLastWriteTimeUtc(path);
        File.WriteAllText(path, edit(File.ReadAllText(path)), new UTF8Encoding(false));
        var after = File.GetLastWriteTimeUtc(path);
        if (after.Ticks / TimeSpan.TicksPerSecond <= before.Ticks / TimeSpan.TicksPerSecond)
        {
            File.SetLastWriteTimeUtc(path, before.AddSeconds(2));
        }
    }

    public void DeleteItem(Datastore datastore, string fileName) => File.Delete(ItemPath(datastore, fileName));

    /// <summary>Deletes every item of a datastore.</summary>
    public void ClearItems(Datastore datastore)
    {
        foreach (var file in Directory.GetFiles(FolderOf(datastore)))
        {
            File.Delete(file);
        }
    }

    /// <summary>Changes sync properties for every later run (e.g. "password=wrong").</summary>
    public async Task ConfigureAsync(IEnumerable<string> properties, CancellationToken cancellationToken = default)
    {
        var list = properties.ToList();
        var result = await Environment.RunSyncEvolutionAsync(["--configure", .. list, ConfigName], TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"syncevolution --configure {string.Join(' ', list)} {ConfigName} failed:\n{result.Output}");
        }

        foreach (var p in list.Where(p => p.StartsWith("password=", StringComparison.Ordinal)))
        {
            Password = p["password=".Length..];
        }
    }

    /// <summary>Syncs the named datastores (the four default ones when none) in <paramref name="mode"/>.</summary>
    public Task<SyncReport> SyncAsync(SyncMode mode, params Datastore[] datastores) =>
        SyncAsync(mode, DefaultSyncTimeout, datastores);

    /// <summary>As <see cref="SyncAsync(SyncMode, Datastore[])"/>, failing with <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public Task<SyncReport> SyncAsync(SyncMode mode, TimeSpan timeout, params Datastore[] datastores) =>
        SyncAsync(mode, timeout, [], CancellationToken.None, datastores);

    /// <summary>
    /// The full form: <paramref name="runProperties"/> apply to this run only (<c>--run prop=value</c>).
    /// A datastore that is disabled in the configuration (contacts21, vcal) is synced when it is named.
    /// </summary>
    public async Task<SyncReport> SyncAsync(
        SyncMode mode,
        TimeSpan timeout,
        IEnumerable<string> runProperties,
        CancellationToken cancellationToken,
        params Datastore[] datastores)
    {
        var selected = datastores.Length == 0 ? DatastoreInfo.Default : datastores.Distinct().ToList();
        var before = ExistingSessionDirectories();
        var arguments = new List<string>();
        var extra = runProperties.ToList();
        if (extra.Count > 0)
        {
            arguments.Add("--run");
            arguments.AddRange(extra);
        }

        arguments.Add("--sync");
        arguments.Add(mode.CommandLineName());
        // "NAME/sync=MODE" activates datastores that are disabled in the configuration for this run.
        arguments.AddRange(selected.Select(d => $"{d.LocalName()}/sync={mode.CommandLineName()}"));
        arguments.Add(ConfigName);
        arguments.AddRange(selected.Select(d => d.LocalName()));

        var result = await Environment.RunSyncEvolutionAsync(arguments, timeout, cancellationToken).ConfigureAwait(false);
        var session = ExistingSessionDirectories().Except(before).OrderBy(d => d, StringComparer.Ordinal).LastOrDefault();
        return SyncReportParser.Read(result.ExitCode, session, result.Output, result.Duration);
    }

    /// <summary>The session folders of this phone, newest last.</summary>
    public IReadOnlyList<string> SessionDirectories() =>
        ExistingSessionDirectories().OrderBy(d => Directory.GetCreationTimeUtc(d)).ThenBy(d => d, StringComparer.Ordinal).ToList();

    private HashSet<string> ExistingSessionDirectories()
    {
        var root = Environment.SessionLogRoot;
        return Directory.Exists(root)
            ? Directory.GetDirectories(root, ConfigName + "-*").ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);
    }

    private string ItemPath(Datastore datastore, string fileName)
    {
        if (fileName.Contains('/', StringComparison.Ordinal) || fileName is "." or "..")
        {
            throw new ArgumentException("An item is a plain file name inside the datastore folder.", nameof(fileName));
        }

        return Path.Combine(FolderOf(datastore), fileName);
    }

    private static string Seconds(TimeSpan span) => Math.Max(0, (int)Math.Ceiling(span.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
