using System.CommandLine;
using Coffer.Storage;
using Coffer.SyncML.Auth;

namespace Coffer.Cli.Commands;

/// <summary>
/// <c>coffer user add|list|passwd|delete|admin|disable|enable</c>: accounts in a server's store (the first <c>user add</c>
/// creates the store). Every change is written to the audit log with the actor "cli".
/// </summary>
internal static class UserCommands
{
    /// <summary>The audit log's actor for what was done on the server's command line.</summary>
    public const string CliActor = "cli";

    public static Command Create(StoreSelection store)
    {
        var stdin = new Option<bool>("--password-stdin") { Description = "read the password from the first line of standard input" };
        var md5 = new Option<bool>("--md5")
        {
            Description = "also keep the credential syncml:auth-md5 needs, for phones that offer nothing else. It is a password " +
                "equivalent: anyone holding the database can log in as this user over md5 (docs/operations.md). Leave it off unless a device needs it.",
        };

        var addName = new Argument<string>("name") { Description = "the user name (what phones send as their SyncML user)" };
        var addAdmin = new Option<bool>("--admin") { Description = "make the user an administrator (the /admin pages and /api/admin)" };
        var add = store.AddTo(new Command("add", "Create a user") { addName, stdin, md5, addAdmin });
        add.SetAction((pr, ct) => store.RunAsync(pr, (target, io) => AddAsync(target, io, pr.GetValue(addName)!, pr.GetValue(stdin), pr.GetValue(md5), pr.GetValue(addAdmin), ct)));

        var list = store.AddTo(new Command("list", "List users with their devices"));
        list.SetAction((pr, ct) => store.RunAsync(pr, (target, io) => ListAsync(target, io, ct)));

        var pwName = new Argument<string>("name");
        var passwd = store.AddTo(new Command("passwd", "Set a user's password (without --md5, any md5 credential is removed)") { pwName, stdin, md5 });
        passwd.SetAction((pr, ct) => store.RunAsync(pr, (target, io) => PasswdAsync(target, io, pr.GetValue(pwName)!, pr.GetValue(stdin), pr.GetValue(md5), ct)));

        var delName = new Argument<string>("name");
        var yes = new Option<bool>("--yes") { Description = "do not ask for confirmation" };
        var delete = store.AddTo(new Command("delete", "Delete a user and all of their data") { delName, yes });
        delete.SetAction((pr, ct) => store.RunAsync(pr, (target, io) => DeleteAsync(target, io, pr.GetValue(delName)!, pr.GetValue(yes), ct)));

        var adminName = new Argument<string>("name");
        var revoke = new Option<bool>("--revoke") { Description = "take administration away instead of granting it" };
        var admin = store.AddTo(new Command("admin", "Make a user an administrator, or with --revoke no longer one") { adminName, revoke });
        admin.SetAction((pr, ct) => store.RunAsync(pr, (target, io) => SetAdminAsync(target, io, pr.GetValue(adminName)!, !pr.GetValue(revoke), ct)));

        var disName = new Argument<string>("name");
        var disable = store.AddTo(new Command("disable", "Stop a user from signing in, syncing and using the API (their data stays)") { disName });
        disable.SetAction((pr, ct) => store.RunAsync(pr, (target, io) => SetDisabledAsync(target, io, pr.GetValue(disName)!, true, ct)));

        var enName = new Argument<string>("name");
        var enable = store.AddTo(new Command("enable", "Let a disabled user in again") { enName });
        enable.SetAction((pr, ct) => store.RunAsync(pr, (target, io) => SetDisabledAsync(target, io, pr.GetValue(enName)!, false, ct)));

        return new Command("user", "Manage accounts") { add, list, passwd, delete, admin, disable, enable };
    }

    private static async Task<int> AddAsync(StoreTarget target, InvocationConfiguration io, string name, bool fromStdin, bool md5, bool admin, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Contains(':', StringComparison.Ordinal))
        {
            // auth-basic credentials are "user:password" (RFC 7617 §2), so a name cannot contain ':'.
            return CliErrors.Fail(io.Error, "a user name must be non-empty and must not contain ':'");
        }

        var password = ReadPassword(io, fromStdin);
        if (password == null)
        {
            return CliErrors.Fail(io.Error, "no password given (use --password-stdin, or type it at the prompt)");
        }

        // PBKDF2 is slow on purpose: hash before the write transaction begins.
        var hash = PasswordHasher.Hash(password);
        await using var store = await target.OpenAsync(mayCreate: true, ct);
        await using var uow = await store.BeginAsync(ct);
        var user = await uow.Users.TryCreateAsync(name, hash, md5 ? Md5Auth.CredentialHash(name, password) : null, ct);
        if (user == null)
        {
            return CliErrors.Fail(io.Error, $"user '{name}' already exists");
        }

        await uow.SipCredentials.SetAsync(user.Id, SipDigestCredential.Compute(user.Name, target.SipRealm, password), ct);
        if (admin)
        {
            await uow.Users.SetAdminAsync(user.Id, true, ct);
        }

        await uow.AuditLog.AppendAsync(CliActor, "user.create", user.Name, admin ? "administrator" : null, ct);
        await uow.CommitAsync(ct);
        io.Output.WriteLine($"created {(admin ? "administrator" : "user")} '{user.Name}' in {target.Where}" + (md5 ? " (with an md5 credential)" : string.Empty));
        return CliErrors.Ok;
    }

    private static async Task<int> ListAsync(StoreTarget target, InvocationConfiguration io, CancellationToken ct)
    {
        await using var store = await target.OpenAsync(mayCreate: false, ct);
        await using var uow = await store.BeginReadAsync(ct);
        var users = await uow.Users.ListAsync(ct);
        if (users.Count == 0)
        {
            io.Output.WriteLine("no users (add one with: coffer user add NAME --password-stdin)");
            return CliErrors.Ok;
        }

        io.Output.WriteLine($"{"USER",-24} {"CREATED",-20} {"DEVICES",7}  {"MD5",-3}  {"ROLE",-8}  LAST SYNC");
        foreach (var user in users)
        {
            var devices = await uow.Devices.ListAsync(user.Id, ct);
            var last = devices.Count == 0 ? "never" : devices.Max(d => d.LastAccess).ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
            io.Output.WriteLine($"{user.Name,-24} {user.Created.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),-20} {devices.Count,7}  {(user.Md5Credential != null ? "yes" : "no"),-3}  {Role(user),-8}  {last}");
        }

        return CliErrors.Ok;
    }

    private static async Task<int> PasswdAsync(StoreTarget target, InvocationConfiguration io, string name, bool fromStdin, bool md5, CancellationToken ct)
    {
        var password = ReadPassword(io, fromStdin);
        if (password == null)
        {
            return CliErrors.Fail(io.Error, "no password given");
        }

        var hash = PasswordHasher.Hash(password);
        await using var store = await target.OpenAsync(mayCreate: false, ct);
        await using var uow = await store.BeginAsync(ct);
        var user = await uow.Users.FindByNameAsync(name, ct);
        if (user == null)
        {
            return CliErrors.Fail(io.Error, $"no user '{name}'");
        }

        await uow.Users.SetPasswordHashAsync(user.Id, hash, md5 ? Md5Auth.CredentialHash(user.Name, password) : null, ct);
        await uow.SipCredentials.SetAsync(user.Id, SipDigestCredential.Compute(user.Name, target.SipRealm, password), ct);
        await uow.AuditLog.AppendAsync(CliActor, "user.password", user.Name, null, ct);
        await uow.CommitAsync(ct);
        io.Output.WriteLine($"password of '{user.Name}' changed" + (md5 ? " (with an md5 credential)" : user.Md5Credential != null ? " (md5 credential removed)" : string.Empty));
        return CliErrors.Ok;
    }

    private static async Task<int> DeleteAsync(StoreTarget target, InvocationConfiguration io, string name, bool yes, CancellationToken ct)
    {
        await using var store = await target.OpenAsync(mayCreate: false, ct);
        await using var uow = await store.BeginAsync(ct);
        var user = await uow.Users.FindByNameAsync(name, ct);
        if (user == null)
        {
            return CliErrors.Fail(io.Error, $"no user '{name}'");
        }

        if (!yes)
        {
            io.Output.Write($"Delete user '{user.Name}' and ALL of their data? Type the user name to confirm: ");
            if (Console.ReadLine()?.Trim() != user.Name)
            {
                return CliErrors.Fail(io.Error, "not confirmed; nothing deleted");
            }
        }

        await uow.Users.DeleteAsync(user.Id, ct);
        await uow.AuditLog.AppendAsync(CliActor, "user.delete", user.Name, null, ct);
        await uow.CommitAsync(ct);
        io.Output.WriteLine($"deleted user '{user.Name}'");
        return CliErrors.Ok;
    }

    private static async Task<int> SetAdminAsync(StoreTarget target, InvocationConfiguration io, string name, bool admin, CancellationToken ct)
    {
        await using var store = await target.OpenAsync(mayCreate: false, ct);
        await using var uow = await store.BeginAsync(ct);
        var user = await uow.Users.FindByNameAsync(name, ct);
        if (user == null)
        {
            return CliErrors.Fail(io.Error, $"no user '{name}'");
        }

        await uow.Users.SetAdminAsync(user.Id, admin, ct);
        await uow.AuditLog.AppendAsync(CliActor, admin ? "user.admin.grant" : "user.admin.revoke", user.Name, null, ct);
        await uow.CommitAsync(ct);
        io.Output.WriteLine(admin ? $"'{user.Name}' is an administrator" : $"'{user.Name}' is no longer an administrator");
        return CliErrors.Ok;
    }

    private static async Task<int> SetDisabledAsync(StoreTarget target, InvocationConfiguration io, string name, bool disabled, CancellationToken ct)
    {
        await using var store = await target.OpenAsync(mayCreate: false, ct);
        await using var uow = await store.BeginAsync(ct);
        var user = await uow.Users.FindByNameAsync(name, ct);
        if (user == null)
        {
            return CliErrors.Fail(io.Error, $"no user '{name}'");
        }

        await uow.Users.SetDisabledAsync(user.Id, disabled, ct);
        await uow.AuditLog.AppendAsync(CliActor, disabled ? "user.disable" : "user.enable", user.Name, null, ct);
        await uow.CommitAsync(ct);
        io.Output.WriteLine(disabled
            ? $"'{user.Name}' is disabled: no sign-in, sync or API until 'coffer user enable {user.Name}'"
            : $"'{user.Name}' is enabled");
        return CliErrors.Ok;
    }

    private static string Role(UserAccount user) => user.Disabled ? "disabled" : user.Admin ? "admin" : "user";

    private static string? ReadPassword(InvocationConfiguration io, bool fromStdin)
    {
        if (!fromStdin && !Console.IsInputRedirected)
        {
            io.Output.Write("Password: ");
        }

        var line = Console.In.ReadLine();
        return string.IsNullOrEmpty(line) ? null : line;
    }
}
