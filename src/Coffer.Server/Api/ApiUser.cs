using Coffer.Storage;

namespace Coffer.Server.Api;

/// <summary>The account an API request authenticated as (<see cref="ApiAuthentication"/>); every endpoint acts on it alone.</summary>
public static class ApiUser
{
    private const string Key = "Coffer.ApiUser";

    public static UserAccount Of(HttpContext context) =>
        context.Items[Key] as UserAccount ?? throw new InvalidOperationException("the request was not authenticated");

    internal static void Set(HttpContext context, UserAccount account) => context.Items[Key] = account;
}
