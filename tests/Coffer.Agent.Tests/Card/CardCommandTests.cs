using System.Text.Json;
using Coffer.Agent.Runs;

namespace Coffer.Agent.Tests.Card;

/// <summary>
/// The three commands of seed 002 on their own (<c>card new-sync</c>, <c>get-changes</c>, <c>store-sync</c>) across
/// edits another host makes with plain SQL (the sqlite3 shell): the card's triggers register them, so the answers
/// follow.
/// </summary>
public sealed class CardCommandTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "coffer-card-tests", Guid.NewGuid().ToString("N")[..12]);
    private readonly Agent host;
    private readonly string card;

    public CardCommandTests()
    {
        host = new Agent(root, "host");
        card = Path.Combine(root, "phonebook.card");
    }

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task New_sync_get_changes_and_store_sync_follow_edits_made_with_sql()
    {
        await OkAsync("card", "new", card);
        (await OkAsync("card", "import", card, CardSamples.Vcf(root, 1, 3))).GetProperty("ids").EnumerateArray().Select(i => i.GetInt64()).ShouldBe([1, 2, 3]);

        // Step 1 with a peer never met: no last sync object, a random new one.
        var first = await OkAsync("card", "new-sync", card, "--peer", "pda");
        first.TryGetProperty("last", out _).ShouldBeFalse(first.ToString());
        var proposed = first.GetProperty("proposed").GetProperty("id").GetString()!;
        proposed.ShouldMatch("^[0-9a-f]{32}$");

        // No sync object: all the content is supposed added (seed 002 step 2).
        Changes(await OkAsync("card", "get-changes", card, "--peer", "pda")).ShouldBe("added 1 2 3; modified ; deleted ");
        (await OkAsync("card", "store-sync", card, "--peer", "pda")).GetProperty("last").GetProperty("id").GetString().ShouldBe(proposed);
        Changes(await OkAsync("card", "get-changes", card, "--peer", "pda")).ShouldBe("added ; modified ; deleted ");

        // Another host edits the card with SQL: modifies 2, deletes 3, adds two and deletes one of them again.
        CardSql.Run(card, $"""
            UPDATE items SET vcard = {CardSql.Quote(PimSamples.Contact(2, "moved to Lyon"))} WHERE id = 2;
            DELETE FROM items WHERE id = 3;
            INSERT INTO items (vcard) VALUES ({CardSql.Quote(PimSamples.Contact(4))});
            INSERT INTO items (vcard) VALUES ({CardSql.Quote(PimSamples.Contact(5))});
            DELETE FROM items WHERE id = 5;
            UPDATE items SET vcard = vcard WHERE id = 1;
            """);
        Changes(await OkAsync("card", "get-changes", card, "--peer", "pda")).ShouldBe("added 4; modified 2; deleted 3");

        // A peer the card never synced with sees what the card holds, all added.
        Changes(await OkAsync("card", "get-changes", card, "--peer", "laptop")).ShouldBe("added 1 2 4; modified ; deleted ");

        // Step 1 again: the last object is the one stored, the new one another random id.
        var second = await OkAsync("card", "new-sync", card, "--peer", "pda");
        second.GetProperty("last").GetProperty("id").GetString().ShouldBe(proposed);
        var next = second.GetProperty("proposed").GetProperty("id").GetString()!;
        next.ShouldNotBe(proposed);

        // A sync that never reached StoreSync changes nothing: the changes are still those since the last object.
        Changes(await OkAsync("card", "get-changes", card, "--peer", "pda")).ShouldBe("added 4; modified 2; deleted 3");
        CardSql.Run(card, "UPDATE items SET vcard = vcard || 'NOTE:later' WHERE id = 1;");
        (await OkAsync("card", "store-sync", card, "--peer", "pda")).GetProperty("last").GetProperty("id").GetString().ShouldBe(next);

        // The edit made after the new object was proposed is after it: it is the next sync's change.
        Changes(await OkAsync("card", "get-changes", card, "--peer", "pda")).ShouldBe("added ; modified 1; deleted ");

        // StoreSync without NewSync has nothing to store.
        var refused = await host.RunAsync("card", "store-sync", card, "--peer", "pda");
        refused.ExitCode.ShouldBe(ExitCodes.Usage, refused.ToString());
        refused.StdErr.ShouldContain("NewSync first");
    }

    [Fact]
    public async Task The_card_refuses_an_item_id_used_before_and_its_file_is_one_file()
    {
        await OkAsync("card", "new", card);
        await OkAsync("card", "import", card, CardSamples.Vcf(root, 1, 2));
        CardSql.Run(card, "DELETE FROM items WHERE id = 2;");

        // A peer that knew item 2 must not take a new item for it.
        Should.Throw<ShouldAssertException>(() => CardSql.Run(card, "INSERT INTO items (id, vcard) VALUES (2, 'BEGIN:VCARD\r\nEND:VCARD\r\n');"))
            .Message.ShouldContain("never reused");
        Should.Throw<ShouldAssertException>(() => CardSql.Run(card, "UPDATE items SET id = 9 WHERE id = 1;"))
            .Message.ShouldContain("never changes");

        var list = await OkAsync("card", "list", card);
        list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ShouldBe([1]);
        list.GetProperty("items")[0].GetProperty("name").GetString().ShouldBe("Jürgen Sample001");
        list.GetProperty("deviceId").GetString().ShouldBe("card-" + list.GetProperty("id").GetString());
        Directory.EnumerateFiles(root).Where(f => Path.GetFileName(f).StartsWith("phonebook", StringComparison.Ordinal)).Select(Path.GetFileName).ShouldBe(["phonebook.card"]);

        // A file that is not a card is refused with its reason.
        var notACard = Path.Combine(root, "other.db");
        CardSql.Run(notACard, "CREATE TABLE t (x);");
        var refused = await host.RunAsync("card", "list", notACard);
        refused.ExitCode.ShouldBe(ExitCodes.Usage, refused.ToString());
        refused.StdErr.ShouldContain("is not a card");
    }

    /// <summary>GetChanges' answer as one line, <c>added 4; modified 2; deleted 3</c>.</summary>
    private static string Changes(JsonElement json) => $"added {Ids(json, "added")}; modified {Ids(json, "modified")}; deleted {Ids(json, "deleted")}";

    private static string Ids(JsonElement json, string name) => string.Join(' ', json.GetProperty(name).EnumerateArray().Select(i => i.GetInt64()));

    private async Task<JsonElement> OkAsync(params string[] args)
    {
        var (result, json) = await host.RunJsonAsync(args);
        result.ExitCode.ShouldBe(ExitCodes.Ok, result.ToString());
        return json;
    }
}
