// Trains Coffer's built-in zstd dictionaries (src/Coffer.Storage/Payloads/Dictionaries) from public test items only:
//   dotnet run bench/sizes/train-dictionaries.cs -- ../shared/testdata src/Coffer.Storage/Payloads/Dictionaries
// The corpus is every vCard, iCalendar/vCalendar and note found in the test data of public projects and recorded
// public-client sessions (SyncEvolution's torture items, Horde's device sessions, SyncEvolution captures), as files or
// as the <Data> of SyncML messages. Left out: the 2,000-card suspend capture and any item of the benchmarks' generator
// (`Gen00001`...), so the benchmark measures cards the dictionary never saw. Each item is taken with CRLF and with LF
// line ends (an XML parser turns CRLF into LF; WBXML keeps it). Deterministic for a given corpus.
#:package ZstdSharp.Port
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ZstdSharp;

var root = args[0];
var output = args[1];
var generated = new Regex(@"Gen\d{5}", RegexOptions.CultureInvariant);
var items = new SortedSet<string>(StringComparer.Ordinal);
foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
{
    if (file.Contains("session-xml-suspend", StringComparison.Ordinal))
    {
        continue;
    }

    var text = File.ReadAllText(file);
    if (file.EndsWith(".vcf", StringComparison.Ordinal) || file.EndsWith(".ics", StringComparison.Ordinal))
    {
        foreach (Match m in Regex.Matches(text, @"BEGIN:(VCARD|VCALENDAR)\r?\n.*?END:\1\r?\n", RegexOptions.Singleline))
        {
            items.Add(m.Value);
        }
    }
    else if (file.EndsWith(".xml", StringComparison.Ordinal) && text.Contains("<SyncML", StringComparison.Ordinal))
    {
        try
        {
            foreach (var data in XDocument.Parse(text).Descendants().Where(e => e.Name.LocalName == "Data" && !e.HasElements))
            {
                var value = data.Value;
                if (value.Length >= 16 && !value.TrimStart().StartsWith('<') && !long.TryParse(value, out _))
                {
                    items.Add(value);
                }
            }
        }
        catch (System.Xml.XmlException)
        {
            // buteo's deliberately invalid messages
        }
    }
}

var kinds = new Dictionary<string, List<byte[]>> { ["vcard"] = [], ["calendar"] = [], ["text"] = [] };
foreach (var item in items.Where(i => !generated.IsMatch(i)))
{
    var kind = item.StartsWith("BEGIN:VCARD", StringComparison.OrdinalIgnoreCase) ? "vcard"
        : item.StartsWith("BEGIN:VCALENDAR", StringComparison.OrdinalIgnoreCase) ? "calendar"
        : "text";
    var lf = item.Replace("\r\n", "\n", StringComparison.Ordinal);
    kinds[kind].Add(Encoding.UTF8.GetBytes(lf));
    kinds[kind].Add(Encoding.UTF8.GetBytes(lf.Replace("\n", "\r\n", StringComparison.Ordinal)));
}

var capacity = int.Parse(args.Length > 2 ? args[2] : "2048", System.Globalization.CultureInfo.InvariantCulture);
foreach (var (kind, samples) in kinds)
{
    var distinct = samples.DistinctBy(Convert.ToBase64String).ToList();
    byte[] dictionary;
    try
    {
        // fastCover with k and d searched (0), at the compression level the store uses.
        var parameters = new ZstdSharp.Unsafe.ZDICT_fastCover_params_t { steps = 40, nbThreads = 1, splitPoint = 1.0, zParams = new() { compressionLevel = 3 } };
        dictionary = DictBuilder.TrainFromBufferFastCover(distinct, parameters, capacity).ToArray();
    }
    catch (ZstdException e)
    {
        Console.Error.WriteLine($"{kind}: {e.Message}");
        continue;
    }

    File.WriteAllBytes(Path.Combine(output, kind + ".zdict"), dictionary);
    Console.WriteLine($"{kind}: {distinct.Count} samples, {distinct.Sum(s => s.Length)} bytes -> {dictionary.Length}-byte dictionary");
}
