using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Coffer.Server.Tests;

/// <summary>
/// A strict, independent reader of the Prometheus text exposition format 0.0.4, used to check what /metrics
/// writes: every line must be a valid HELP/TYPE comment or sample, TYPE must precede a family's samples and appear
/// once, names and label names must be valid, label values may only use the three defined escapes.
/// </summary>
public static partial class ExpositionParser
{
    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    public sealed record Family(string Name, string Type, string? Help, List<Sample> Samples);

    public static IReadOnlyDictionary<string, Family> Parse(string text)
    {
        if (text.Length > 0 && !text.EndsWith('\n'))
        {
            throw new FormatException("The exposition must end with a line feed.");
        }

        var families = new Dictionary<string, Family>(StringComparer.Ordinal);
        var helps = new Dictionary<string, string>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var line in text.Split('\n')[..^1])
        {
            lineNumber++;
            if (line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                var rest = line["# HELP ".Length..];
                var space = rest.IndexOf(' ', StringComparison.Ordinal);
                var name = space < 0 ? rest : rest[..space];
                RequireMetricName(name, lineNumber);
                if (!helps.TryAdd(name, UnescapeHelp(space < 0 ? string.Empty : rest[(space + 1)..], lineNumber)))
                {
                    throw new FormatException($"line {lineNumber}: second HELP for {name}");
                }

                continue;
            }

            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line["# TYPE ".Length..].Split(' ');
                if (parts.Length != 2 || parts[1] is not ("counter" or "gauge" or "histogram" or "summary" or "untyped"))
                {
                    throw new FormatException($"line {lineNumber}: bad TYPE line: {line}");
                }

                RequireMetricName(parts[0], lineNumber);
                if (families.ContainsKey(parts[0]))
                {
                    throw new FormatException($"line {lineNumber}: TYPE for {parts[0]} after its samples or twice");
                }

                families[parts[0]] = new Family(parts[0], parts[1], helps.GetValueOrDefault(parts[0]), []);
                continue;
            }

            if (line.StartsWith('#') || line.Length == 0)
            {
                continue;
            }

            var sample = ParseSample(line, lineNumber);
            var family = FamilyOf(sample.Name, families) ?? throw new FormatException($"line {lineNumber}: sample {sample.Name} has no TYPE before it");
            family.Samples.Add(sample);
        }

        foreach (var (name, help) in helps)
        {
            if (families.TryGetValue(name, out var f))
            {
                families[name] = f with { Help = help };
            }
        }

        return families;
    }

    private static Family? FamilyOf(string sampleName, Dictionary<string, Family> families)
    {
        if (families.TryGetValue(sampleName, out var direct) && direct.Type != "histogram")
        {
            return direct;
        }

        foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
        {
            if (sampleName.EndsWith(suffix, StringComparison.Ordinal) &&
                families.TryGetValue(sampleName[..^suffix.Length], out var histogram) && histogram.Type == "histogram")
            {
                return histogram;
            }
        }

        return null;
    }

    private static Sample ParseSample(string line, int lineNumber)
    {
        var i = 0;
        while (i < line.Length && line[i] != '{' && line[i] != ' ')
        {
            i++;
        }

        var name = line[..i];
        RequireMetricName(name, lineNumber);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (line[i] != '}')
            {
                var eq = line.IndexOf('=', i);
                var labelName = line[i..eq];
                if (!LabelName().IsMatch(labelName))
                {
                    throw new FormatException($"line {lineNumber}: bad label name '{labelName}'");
                }

                if (line[eq + 1] != '"')
                {
                    throw new FormatException($"line {lineNumber}: label value not quoted");
                }

                var value = new StringBuilder();
                var j = eq + 2;
                for (; line[j] != '"'; j++)
                {
                    if (line[j] == '\\')
                    {
                        j++;
                        value.Append(line[j] switch
                        {
                            '\\' => '\\',
                            '"' => '"',
                            'n' => '\n',
                            var other => throw new FormatException($"line {lineNumber}: undefined escape \\{other}"),
                        });
                    }
                    else
                    {
                        value.Append(line[j]);
                    }
                }

                if (!labels.TryAdd(labelName, value.ToString()))
                {
                    throw new FormatException($"line {lineNumber}: label {labelName} twice");
                }

                i = j + 1;
                if (line[i] == ',')
                {
                    i++;
                }
                else if (line[i] != '}')
                {
                    throw new FormatException($"line {lineNumber}: expected ',' or '}}' after a label");
                }
            }

            i++;
        }

        if (i >= line.Length || line[i] != ' ')
        {
            throw new FormatException($"line {lineNumber}: expected a space before the value: {line}");
        }

        var valueText = line[(i + 1)..];
        var parsed = valueText switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            _ when double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) => v,
            _ => throw new FormatException($"line {lineNumber}: bad value '{valueText}' (timestamps are not written by Coffer)"),
        };
        return new Sample(name, labels, parsed);
    }

    private static string UnescapeHelp(string text, int lineNumber)
    {
        var result = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\')
            {
                result.Append(text[i]);
                continue;
            }

            i++;
            result.Append(i < text.Length ? text[i] switch
            {
                '\\' => '\\',
                'n' => '\n',
                var other => throw new FormatException($"line {lineNumber}: undefined HELP escape \\{other}"),
            } : throw new FormatException($"line {lineNumber}: dangling backslash in HELP"));
        }

        return result.ToString();
    }

    private static void RequireMetricName(string name, int lineNumber)
    {
        if (!MetricName().IsMatch(name))
        {
            throw new FormatException($"line {lineNumber}: bad metric name '{name}'");
        }
    }

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();
}
