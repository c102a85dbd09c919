namespace Coffer.Storage;

/// <summary>One document of the web's key ring (<see cref="IWebKeyRepository"/>): its name (<c>key-GUID</c>, <c>revocation-…</c>) and XML.</summary>
public sealed record WebKeyDocument(string Name, string Xml);
