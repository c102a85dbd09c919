using System.Text.Json;
using System.Text.Json.Serialization;
using Coffer.Storage;
using Coffer.Sync.Sessions;

namespace Coffer.Sync.Tests.Sessions;

/// <summary>
/// Session state is stored between messages: the generated serializer must write exactly what the reflection-based one
/// wrote, so sessions persisted by an older build stay readable and a newer one reads them the same.
/// </summary>
public class SessionStateSerializerTests
{
    private static readonly JsonSerializerOptions Reflection = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    [Fact]
    public void A_populated_state_is_written_as_the_reflection_serializer_wrote_it_and_reads_back_whole()
    {
        var state = new SessionState
        {
            ClientSessionId = "42",
            DeviceId = "IMEI:1",
            UserId = 7,
            UserName = "alice",
            DeviceRowId = 3,
            Wbxml = true,
            ClientMaxMsgSize = 150000,
            ClientMaxObjSize = 4000000,
            ClientLargeObjects = true,
            LastClientMsgId = "5",
            NextServerMsgId = 6,
            Datastores =
            [
                new DatastoreSession
                {
                    ClientUri = "card", ServerUri = "./contacts", Kind = DatastoreKind.Contacts, DatastoreId = 11, Mode = 201,
                    ClientNextAnchor = "20261122T053726Z-0", ServerNextAnchor = "9", StartCursor = 100, SnapshotSequence = 120,
                    LastSentSequence = 110, PendingUpdates = ["a", "b"], SendType = "text/vcard", MaxObjSize = 1000, ClientAdds = 250,
                },
            ],
            Outstanding = { ["4:7"] = new OutstandingCommand { ClientUri = "card", Guid = "g", Op = "Add", Sequence = 101, Version = 2, Luid = "l", Chunk = true } },
            Incoming = new IncomingChunk { ClientUri = "card", Op = "Add", SourceUri = "gen-1.vcf", ContentType = "text/vcard", DeclaredSize = 500, ReceivedBytes = 11, Base64 = false },
            Outgoing = new OutgoingChunk { ClientUri = "card", Guid = "g", Op = "Replace", Luid = "l", ContentType = "text/vcard", Sequence = 5, Version = 3, TotalSize = 900, Base64 = true, Offset = 10 },
            ServerPackageStarted = true,
        };

        var written = SessionStateSerializer.Serialize(state);
        written.ShouldBe(JsonSerializer.SerializeToUtf8Bytes(state, Reflection));
        SessionStateSerializer.Serialize(SessionStateSerializer.Deserialize(written)).ShouldBe(written);
    }
}
