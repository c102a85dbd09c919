namespace Coffer.Interop.Tests.Harness;

/// <summary>
/// One <see cref="CofferServer"/> shared by the tests of a class (xunit class fixture). Tests stay independent by
/// using their own user (<see cref="NewUserAsync"/>): a user's datastores, devices and sequence are separate.
/// </summary>
public sealed class CofferServerFixture : IAsyncLifetime
{
    private int users;

    public CofferServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await CofferServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>Creates a fresh user named PREFIX-N with <paramref name="password"/>; returns the name.</summary>
    public async Task<string> NewUserAsync(string prefix, string password)
    {
        var name = $"{prefix}-{Interlocked.Increment(ref users)}";
        await Server.AddUserAsync(name, password);
        return name;
    }
}
