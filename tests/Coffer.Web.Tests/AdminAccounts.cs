using Coffer.Storage;

namespace Coffer.Web.Tests;

/// <summary>Administrators for the tests, made as <c>coffer user add NAME --admin</c> makes them.</summary>
public static class AdminAccounts
{
    public static async Task<UserAccount> AddAdminAsync(this WebServer server, string name, string password)
    {
        var user = await server.AddUserAsync(name, password);
        await using var uow = await server.Store.BeginAsync();
        (await uow.Users.SetAdminAsync(user.Id, true)).ShouldBeTrue();
        await uow.CommitAsync();
        return user with { Admin = true };
    }
}
