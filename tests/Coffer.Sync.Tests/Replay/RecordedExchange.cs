using Coffer.SyncML;

namespace Coffer.Sync.Tests.Replay;

/// <summary>A recorded message pair: the device's bytes and Horde's answer (syncml_client_NN.xml / syncml_server_NN.xml).</summary>
public sealed record RecordedExchange(string Number, byte[] ClientBytes, byte[] ServerBytes)
{
    public SyncMLMessage Client { get; } = SyncMLXml.Parse(ClientBytes);

    public SyncMLMessage Server { get; } = SyncMLXml.Parse(ServerBytes);
}
