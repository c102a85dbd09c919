namespace Coffer.Agent.Protocol;

/// <summary>Told the round-trip time of every message a transport carried.</summary>
public interface IExchangeRecorder
{
    void Record(TimeSpan roundTrip);
}
