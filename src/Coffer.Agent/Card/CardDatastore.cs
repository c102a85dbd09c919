using Coffer.Agent.Sources;

namespace Coffer.Agent.Card;

/// <summary>
/// The card as a SyncML device sees it: one datastore, its phone book, synced into the user's contacts (server
/// datastore <c>card</c>), and the device id naming the card itself, so that the server's anchors for it are the
/// card's sync objects wherever the card is.
/// </summary>
public static class CardDatastore
{
    public static readonly DatastoreInfo Info = new("card", "card", "./phonebook", "Card phone book", "text/vcard", "3.0");

    public static string DeviceId(string cardId) => "card-" + cardId;

    /// <summary>The peer a sync with a Coffer server is kept under on the card: the server's sync URL and the account.</summary>
    public static string Peer(Uri serverUrl, string user) => $"{user}@{serverUrl}";
}
