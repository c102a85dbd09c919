using System.CommandLine;
using Coffer.LoadBench.Load;
using Coffer.Storage.Providers;

namespace Coffer.LoadBench;

/// <summary>
/// <c>coffer-loadbench</c>: N simulated phones syncing contacts with a Coffer server over HTTP at once
/// (bench/README.md, "Load test (P3)").
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var phones = new Option<int>("--phones") { Description = "simulated phones, one account each (user0001...)", DefaultValueFactory = _ => 100 };
        var rounds = new Option<int>("--rounds") { Description = "two-way syncs per phone after its slow sync", DefaultValueFactory = _ => 5 };
        var contacts = new Option<int>("--contacts") { Description = "contacts per phone, sent in the slow sync", DefaultValueFactory = _ => 100 };
        var changes = new Option<string>("--changes") { Description = "local changes before each two-way sync: REPLACES,ADDS,DELETES", DefaultValueFactory = _ => "2,1,1" };
        var url = new Option<Uri?>("--url")
        {
            Description = "a running server's base URL (its CPU is read from /metrics); otherwise --server-dll is started",
            CustomParser = result => new Uri(result.Tokens[0].Value, UriKind.Absolute),
        };
        var serverDll = new Option<string?>("--server-dll") { Description = "Coffer.Server.dll to start on 127.0.0.1:--port with --data" };
        var data = new Option<string>("--data") { Description = "the server's data directory, where the accounts are created", Required = true };
        var port = new Option<int>("--port") { Description = "port of the started server", DefaultValueFactory = _ => 18800 };
        var duration = new Option<int>("--duration") { Description = "seconds after which no phone starts another session", DefaultValueFactory = _ => 600 };
        var concurrency = new Option<int>("--concurrency") { Description = "most requests in flight at once (default: one per phone)" };
        var wbxml = new Option<bool>("--wbxml") { Description = "send WBXML instead of XML" };
        var password = new Option<string>("--password") { Description = "every account's password", DefaultValueFactory = _ => "load-bench-pw" };
        var skipSetup = new Option<bool>("--skip-setup") { Description = "the accounts exist already in --data" };
        var msgSize = new Option<long>("--max-msg-size") { Description = "the phones' MaxMsgSize in bytes", DefaultValueFactory = _ => 20_000 };
        var serverEnv = new Option<string[]>("--server-env") { Description = "NAME=VALUE set in the started server's environment (repeatable)" };
        var provider = new Option<string>("--provider") { Description = "the server's store: sqlite (in --data) or postgres (at --connection)", DefaultValueFactory = _ => "sqlite" };
        var connection = new Option<string?>("--connection") { Description = "the PostgreSQL connection string (with --provider postgres)" };
        var userPrefix = new Option<string>("--user-prefix") { Description = "the accounts' names: PREFIX0001, PREFIX0002...", DefaultValueFactory = _ => "user" };
        var attempts = new Option<int>("--attempts") { Description = "sessions a phone tries before its sync counts as failed (retries after 2 s)", DefaultValueFactory = _ => 1 };

        var root = new RootCommand("Simulated OMA DS phones against a Coffer server: a slow sync each, then rounds of two-way syncs; prints a table per phase.")
        {
            phones, rounds, contacts, changes, url, serverDll, data, port, duration, concurrency, wbxml, password, skipSetup, msgSize, serverEnv, provider, connection, attempts, userPrefix,
        };
        root.SetAction((pr, ct) => new LoadRun(new LoadOptions
        {
            Phones = pr.GetValue(phones),
            Rounds = pr.GetValue(rounds),
            Contacts = pr.GetValue(contacts),
            Changes = ChangeMix.Parse(pr.GetValue(changes)!),
            Url = pr.GetValue(url),
            ServerDll = pr.GetValue(serverDll),
            DataDir = pr.GetValue(data)!,
            Port = pr.GetValue(port),
            Duration = TimeSpan.FromSeconds(pr.GetValue(duration)),
            Concurrency = pr.GetValue(concurrency),
            Wbxml = pr.GetValue(wbxml),
            Password = pr.GetValue(password)!,
            SkipSetup = pr.GetValue(skipSetup),
            PhoneMaxMsgSize = pr.GetValue(msgSize),
            ServerEnv = pr.GetValue(serverEnv) ?? [],
            Provider = StoreFactory.ParseProvider(pr.GetValue(provider)),
            ConnectionString = pr.GetValue(connection),
            Attempts = Math.Max(1, pr.GetValue(attempts)),
            UserPrefix = pr.GetValue(userPrefix)!,
        }).RunAsync(Console.Out, ct));
        return await root.Parse(args).InvokeAsync();
    }
}
