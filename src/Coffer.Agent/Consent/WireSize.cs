namespace Coffer.Agent.Consent;

/// <summary>
/// The bytes a change costs on the wire: its content (b64 for binary datastores, 4 bytes per 3) and the command and
/// status around it; a session adds its envelopes. An estimate for consent and progress, not an exact count.
/// </summary>
public static class WireSize
{
    public const long PerItem = 200;

    public const long PerSession = 2_048;

    public static long Of(long contentBytes, bool binary) => (binary ? (contentBytes + 2) / 3 * 4 : contentBytes) + PerItem;
}
