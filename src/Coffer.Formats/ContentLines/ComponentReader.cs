namespace Coffer.Formats.ContentLines;

/// <summary>
/// Builds the BEGIN/END tree (RFC 6350 §6.1.1, RFC 5545 §3.4, §3.6). Loose closes components left open
/// at the end, closes inner ones an outer END skips, and ignores stray END lines and lines outside any
/// component; Strict raises on each of these.
/// </summary>
public static class ComponentReader
{
    /// <summary>The top-level components in <paramref name="text"/>.</summary>
    public static List<Component> Read(string text, ContentLineReaderOptions? options = null)
    {
        options ??= ContentLineReaderOptions.Default;
        return Build(ContentLineReader.Read(text, options), options.Compliance);
    }

    /// <summary>The top-level components in 8-bit input (see <see cref="ContentLineReader.Read(ReadOnlySpan{byte}, ContentLineReaderOptions?)"/>).</summary>
    public static List<Component> Read(ReadOnlySpan<byte> bytes, ContentLineReaderOptions? options = null)
    {
        options ??= ContentLineReaderOptions.Default;
        return Build(ContentLineReader.Read(bytes, options), options.Compliance);
    }

    public static List<Component> Build(IEnumerable<ContentLine> lines, ParserCompliance compliance = ParserCompliance.Loose)
    {
        var strict = compliance == ParserCompliance.Strict;
        var roots = new List<Component>(1);
        var stack = new List<Component>(2);
        var capacity = lines is ICollection<ContentLine> all ? all.Count : 0;
        foreach (var line in lines)
        {
            if (line.Name == "BEGIN")
            {
                var name = line.Value.Trim();
                if (name.Length == 0)
                {
                    if (strict)
                    {
                        throw Error("BEGIN without a component name", line);
                    }

                    continue;
                }

                var component = new Component(name) { LineNumber = line.LineNumber };
                if (roots.Count == 0 && stack.Count == 0)
                {
                    // An item is one object: room for every line saves the first one's list regrowing.
                    component.Properties.Capacity = capacity;
                }

                if (stack.Count == 0)
                {
                    roots.Add(component);
                }
                else
                {
                    stack[^1].Components.Add(component);
                }

                stack.Add(component);
                continue;
            }

            if (line.Name == "END")
            {
                var name = line.Value.Trim();
                var index = stack.FindLastIndex(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
                if (index < 0 || (strict && index != stack.Count - 1))
                {
                    if (strict)
                    {
                        throw Error(stack.Count == 0 ? $"END:{name} without BEGIN" : $"END:{name} does not close BEGIN:{stack[^1].Name}", line);
                    }

                    continue;
                }

                stack.RemoveRange(index, stack.Count - index);
                continue;
            }

            if (stack.Count == 0)
            {
                if (strict)
                {
                    throw Error($"{line.Name} outside any component", line);
                }

                continue;
            }

            stack[^1].Properties.Add(line);
        }

        if (stack.Count > 0 && strict)
        {
            throw new PimFormatException($"BEGIN:{stack[^1].Name} is never closed") { Line = stack[^1].LineNumber > 0 ? stack[^1].LineNumber : null };
        }

        return roots;
    }

    private static PimFormatException Error(string message, ContentLine line) =>
        new(message) { Line = line.LineNumber > 0 ? line.LineNumber : null };
}
