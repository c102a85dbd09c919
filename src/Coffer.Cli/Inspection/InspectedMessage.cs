using System.Xml.Linq;

namespace Coffer.Cli.Inspection;

/// <summary>A decoded message as it was on the wire, and what a reader of it should be told (printed to stderr).</summary>
internal sealed record InspectedMessage(XDocument Document, IReadOnlyList<string> Warnings);
