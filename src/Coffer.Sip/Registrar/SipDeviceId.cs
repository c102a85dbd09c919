using Coffer.Sip.Message;

namespace Coffer.Sip.Registrar;

/// <summary>
/// The device a Contact stands for (docs/sip.md, "Device ids"): its <c>+sip.instance</c> (RFC 5626 §4.1), else the
/// user part of its URI (Coffer's agent registers <c>sip:DEVICE-ID@host:port</c>), else its host and port.
/// </summary>
public static class SipDeviceId
{
    public static string Of(SipNameAddress contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        if (contact.Parameters.Get("+sip.instance") is { Length: > 0 } instance)
        {
            // A quoted "<urn:uuid:...>": the URN is the id.
            return instance.Trim('"').TrimStart('<').TrimEnd('>');
        }

        if (contact.Uri.User is { Length: > 0 } user)
        {
            return SipUri.Unescape(user);
        }

        return contact.Uri.Port is { } port ? $"{contact.Uri.Host}:{port}" : contact.Uri.Host;
    }
}
