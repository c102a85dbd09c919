using Microsoft.Data.Sqlite;

namespace Coffer.Agent.Card;

/// <summary>
/// A removable card: one SQLite file holding its id, its phone book, its change register and its sync objects
/// (<see cref="CardSchema"/>). Everything a sync needs is in the file, so the card syncs incrementally from whichever
/// host it is in (seed 002). The file is kept in rollback-journal mode and not pooled, so when the card is closed it is
/// one file and nothing else.
/// </summary>
public sealed class CardFile : IDisposable
{
    private readonly SqliteConnection connection;

    private CardFile(SqliteConnection connection, string path, string id)
    {
        this.connection = connection;
        Path = path;
        Id = id;
        Items = new CardItems(connection);
        Register = new ChangeRegister(connection);
        SyncObjects = new SyncObjects(connection);
    }

    public string Path { get; }

    /// <summary>The card's own random id, made when it was created; it names the card as a SyncML device.</summary>
    public string Id { get; }

    public CardItems Items { get; }

    public ChangeRegister Register { get; }

    public SyncObjects SyncObjects { get; }

    /// <summary>The change counter: every change to an item moves it by one.</summary>
    public long Counter => Sql.Scalar(connection, "SELECT counter FROM card");

    /// <summary>Creates an empty card at <paramref name="path"/>.</summary>
    /// <exception cref="CardException">The file exists already.</exception>
    public static CardFile Create(string path)
    {
        path = System.IO.Path.GetFullPath(path);
        if (File.Exists(path))
        {
            throw new CardException($"{path} exists already");
        }

        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var connection = Connect(path, SqliteOpenMode.ReadWriteCreate);
        var id = SyncObjectId.New();
        Sql.InTransaction(connection, () =>
        {
            Sql.Execute(connection, CardSchema.Create);
            return Sql.Execute(connection, "INSERT INTO card (id, counter) VALUES ($id, 0)", ("$id", id));
        });

        return new CardFile(connection, path, id);
    }

    /// <exception cref="CardException">No such file, or it is not a card of this version.</exception>
    public static CardFile Open(string path)
    {
        path = System.IO.Path.GetFullPath(path);
        if (!File.Exists(path))
        {
            throw new CardException($"no card at {path}: make one with coffer-agent card new");
        }

        var connection = Connect(path, SqliteOpenMode.ReadWrite);
        try
        {
            if (Sql.Scalar(connection, "PRAGMA application_id") != CardSchema.ApplicationId)
            {
                throw new CardException($"{path} is not a card");
            }

            var version = Sql.Scalar(connection, "PRAGMA user_version");
            if (version != CardSchema.Version)
            {
                throw new CardException($"{path} is a card of version {version}; this agent reads version {CardSchema.Version}");
            }

            using var command = connection.CreateCommand();
            command.CommandText = "SELECT id FROM card";
            var id = command.ExecuteScalar() as string ?? throw new CardException($"{path} has no card id");
            return new CardFile(connection, path, id);
        }
        catch (Exception ex) when (ex is CardException or SqliteException)
        {
            connection.Dispose();
            throw ex as CardException ?? new CardException($"{path} is not a card: {ex.Message}", ex);
        }
    }

    public void Dispose() => connection.Dispose();

    private static SqliteConnection Connect(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        try
        {
            connection.Open();
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new CardException($"cannot open {path}: {ex.Message}", ex);
        }

        return connection;
    }
}
