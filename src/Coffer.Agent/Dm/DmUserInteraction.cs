using Coffer.Agent.Consent;

namespace Coffer.Agent.Dm;

/// <summary>
/// How the agent answers the server's user-interaction alerts (OMA-TS-DM_Protocol-V1_2 §6.6.8): a confirm by the
/// consent policy (docs/device-management.md "Consent": unmetered establishes; otherwise allow, deny, defer, or ask on
/// a terminal and defer without one); a text input and a single choice with the default response unless a terminal
/// prompt is given; a display is shown when a display is given.
/// </summary>
public sealed class DmUserInteraction(ConnectionKind connection, MeteredPolicy policy)
{
    /// <summary>Asks on a terminal (the alert's text); null: nobody to ask.</summary>
    public Func<string, ConsentAnswer>? Confirm { get; init; }

    /// <summary>Asks for a text (the alert's text, the default); null: the default is the answer.</summary>
    public Func<string, string, string>? TextInput { get; init; }

    /// <summary>Asks for one of the choices (the text, the choices, the default 1-based); null: the default is the answer.</summary>
    public Func<string, IReadOnlyList<string>, int, int>? Choice { get; init; }

    /// <summary>Shows a text; null: nowhere to show it.</summary>
    public Action<string>? Display { get; init; }

    public ConsentAnswer Consent(string text)
    {
        if (connection == ConnectionKind.Unmetered)
        {
            return ConsentAnswer.Establish;
        }

        return policy switch
        {
            MeteredPolicy.Allow => ConsentAnswer.Establish,
            MeteredPolicy.Deny => ConsentAnswer.Reject,
            MeteredPolicy.Ask when Confirm != null => Confirm(text),
            _ => ConsentAnswer.Defer,
        };
    }
}
