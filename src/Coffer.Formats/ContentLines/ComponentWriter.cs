using System.Text;

namespace Coffer.Formats.ContentLines;

/// <summary>Writes a component as BEGIN:x, its properties, nested components, END:x (RFC 6350 §6.1.1, RFC 5545 §3.4).</summary>
public static class ComponentWriter
{
    public static string Write(Component component, ContentLineWriterOptions? options = null)
    {
        var sb = new StringBuilder();
        Write(sb, component, options);
        return sb.ToString();
    }

    public static void Write(StringBuilder output, Component component, ContentLineWriterOptions? options = null)
    {
        ContentLineWriter.Write(output, new ContentLine("BEGIN", component.Name), options);
        foreach (var p in component.Properties)
        {
            ContentLineWriter.Write(output, p, options);
        }

        foreach (var c in component.Components)
        {
            Write(output, c, options);
        }

        ContentLineWriter.Write(output, new ContentLine("END", component.Name), options);
    }
}
