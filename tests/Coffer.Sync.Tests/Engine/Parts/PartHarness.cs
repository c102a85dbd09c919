using Coffer.Storage;
using Coffer.Sync.Engine;
using Coffer.Sync.Sessions;
using Coffer.Sync.Tests.TestSupport;
using Coffer.SyncML;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coffer.Sync.Tests.Engine.Parts;

/// <summary>
/// One part of the engine driven alone over a real store: an account with a device, an open session and a datastore,
/// and a <see cref="MessageContext"/> per message, as <c>MessageProcessor</c> would build it.
/// </summary>
internal sealed class PartHarness : IAsyncDisposable
{
    private readonly EngineHost host = new();

    private PartHarness()
    {
    }

    public UserAccount User { get; private set; } = null!;

    public Device Device { get; private set; } = null!;

    public string Token { get; private set; } = null!;

    public EngineHost Host => host;

    public static async Task<PartHarness> CreateAsync(string user = "alice")
    {
        var harness = new PartHarness();
        harness.User = await harness.host.CreateUserAsync(user, "secret");
        await using var uow = await harness.host.Store.BeginAsync();
        harness.Device = await uow.Devices.RegisterAccessAsync(harness.User.Id, "IMEI:part");
        harness.Token = (await uow.Sessions.CreateAsync(harness.User.Id, harness.Device.Id, [], TimeSpan.FromMinutes(5))).Token;
        await uow.CommitAsync();
        return harness;
    }

    /// <summary>A datastore of the account, opened in <paramref name="state"/> as an Alert of <paramref name="mode"/> would.</summary>
    public async Task<DatastoreSession> OpenDatastoreAsync(SessionState state, DatastoreKind kind, string clientUri, string serverUri, int mode = AlertCode.TwoWay)
    {
        await using var uow = await host.Store.BeginAsync();
        var datastore = await uow.Datastores.EnsureAsync(User.Id, kind);
        await uow.CommitAsync();
        var ds = new DatastoreSession { ClientUri = clientUri, ServerUri = serverUri, Kind = kind, DatastoreId = datastore.Id, Mode = mode };
        state.Datastores.Add(ds);
        return ds;
    }

    /// <summary>The context of one message of the session, over a unit of work the caller commits.</summary>
    public MessageContext Context(IUnitOfWork uow, SessionState state, string msgId = "1") =>
        new(uow, new SyncMLMessage { Header = { MsgID = msgId } }, EngineHost.Endpoint, NullLogger.Instance)
        {
            State = state,
            Reply = new ReplyBuilder(new SyncMLMessage(), 1_000_000),
            Token = Token,
            User = User,
            Device = Device,
        };

    public static IReadOnlyList<StatusCommand> Statuses(MessageContext ctx) => ctx.Reply.Message.Body.Commands.OfType<StatusCommand>().ToList();

    public ValueTask DisposeAsync() => host.DisposeAsync();
}
