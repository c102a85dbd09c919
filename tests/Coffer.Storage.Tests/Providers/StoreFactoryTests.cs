using Coffer.Storage.Postgres;
using Coffer.Storage.Providers;
using Coffer.Storage.Sqlite;

namespace Coffer.Storage.Tests.Providers;

public sealed class StoreFactoryTests
{
    private static readonly StorageOptions Options = new() { DataDir = Path.Combine(Path.GetTempPath(), "coffer-factory-unused") };

    [Theory]
    [InlineData(null, StoreProvider.Sqlite)]
    [InlineData("", StoreProvider.Sqlite)]
    [InlineData("SQLite", StoreProvider.Sqlite)]
    [InlineData("postgres", StoreProvider.Postgres)]
    [InlineData(" PostgreSQL ", StoreProvider.Postgres)]
    public void Provider_names_are_read_in_any_case(string? name, StoreProvider expected) =>
        StoreFactory.ParseProvider(name).ShouldBe(expected);

    [Fact]
    public void An_unknown_provider_is_refused_by_name() =>
        Should.Throw<ArgumentException>(() => StoreFactory.ParseProvider("mysql")).Message.ShouldContain("mysql");

    [Fact]
    public async Task Each_provider_makes_its_store_and_postgres_needs_a_connection_string()
    {
        await using (var sqlite = StoreFactory.Create(StoreProvider.Sqlite, null, Options))
        {
            sqlite.ShouldBeOfType<SqliteCofferStore>();
        }

        // Creating the store opens no connection: the database is first reached by InitializeAsync.
        await using (var postgres = StoreFactory.Create(StoreProvider.Postgres, "Host=/nonexistent;Database=coffer;Username=coffer", Options))
        {
            postgres.ShouldBeOfType<PostgresCofferStore>();
        }

        Should.Throw<ArgumentException>(() => StoreFactory.Create(StoreProvider.Postgres, null, Options)).Message.ShouldContain(StoreFactory.ConnectionStringKey);
        Should.Throw<ArgumentException>(() => StoreFactory.Create(StoreProvider.Sqlite, "Host=x", Options));
    }

    [Fact]
    public void Messages_name_the_database_never_the_connection_string() =>
        StoreFactory.Describe(StoreProvider.Postgres, "Host=db;Database=coffer;Username=coffer;Password=hunter2", "data").ShouldBe("PostgreSQL database coffer");
}
