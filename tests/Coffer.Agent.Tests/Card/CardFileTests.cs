using Coffer.Agent.Card;

namespace Coffer.Agent.Tests.Card;

/// <summary>
/// The card's register and sync objects as the sync uses them: what a peer wrote is not its change, a later edit of
/// it is, and a sync stores only the sync object it proposed.
/// </summary>
public sealed class CardFileTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "coffer-card-tests", Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void What_a_peer_wrote_is_not_its_change_but_a_later_edit_of_it_is()
    {
        using var card = CardFile.Create(Path.Combine(root, "c.card"));
        var kept = card.Items.Add(PimSamples.Contact(1));
        var gone = card.Items.Add(PimSamples.Contact(2));
        card.SyncObjects.NewSync("server");
        card.SyncObjects.StoreSync("server");

        // A sync with the server: it adds one item, replaces one and deletes one.
        card.SyncObjects.NewSync("server");
        var added = card.Items.AddFromPeer("server", "g-30", PimSamples.Contact(30));
        card.Items.ReplaceFromPeer("server", kept, PimSamples.Contact(1, "merged on the server")).ShouldBeTrue();
        card.Items.DeleteFromPeer("server", gone).ShouldBeTrue();
        card.Items.ReplaceFromPeer("server", 99, PimSamples.Contact(99)).ShouldBeFalse();

        // The same Add again (the server never got our id for it) is the same item.
        card.Items.AddFromPeer("server", "g-30", PimSamples.Contact(30, "sent again")).ShouldBe(added);
        card.SyncObjects.StoreSync("server");
        Describe(card.Register.GetChanges("server")).ShouldBe("added ; modified ; deleted ");

        // Another peer never saw any of it.
        Describe(card.Register.GetChanges("pda")).ShouldBe($"added {kept} {added}; modified ; deleted ");

        // Edited here afterwards: the server knows the item it added, so it is modified, not added.
        CardSql.Run(card.Path, $"UPDATE items SET vcard = {CardSql.Quote(PimSamples.Contact(30, "edited on the card"))} WHERE id = {added};");
        Describe(card.Register.GetChanges("server")).ShouldBe($"added ; modified {added}; deleted ");
        card.Items.Read(added).ShouldNotBeNull().ShouldContain("edited on the card");
    }

    [Fact]
    public void A_sync_stores_only_the_sync_object_it_proposed()
    {
        using var card = CardFile.Create(Path.Combine(root, "c.card"));
        card.Items.Add(PimSamples.Contact(1));
        var first = card.SyncObjects.NewSync("server");
        var second = card.SyncObjects.NewSync("server");
        second.Proposed.Id.ShouldNotBe(first.Proposed.Id);

        Should.Throw<CardException>(() => card.SyncObjects.StoreSync("server", first.Proposed.Id)).Message.ShouldContain("another sync");
        card.SyncObjects.Last("server").ShouldBeNull();
        card.SyncObjects.StoreSync("server", second.Proposed.Id).ShouldBe(second.Proposed);
        card.SyncObjects.Last("server").ShouldBe(second.Proposed);
    }

    private static string Describe(CardChanges changes) =>
        $"added {string.Join(' ', changes.Added)}; modified {string.Join(' ', changes.Modified)}; deleted {string.Join(' ', changes.Deleted)}";
}
