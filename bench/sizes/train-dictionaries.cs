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

// The size is chosen on the corpus alone: every fourth item is held out, a dictionary of each size is trained on the
// rest and the one that stores the held-out items in the fewest bytes wins; the dictionary shipped is then trained
// on every item at that size. fastCover searches k and d, itself on a held-out quarter (splitPoint 0.75).
int[] capacities = args.Length > 2 ? [int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture)] : [2048, 4096, 8192, 16384];
foreach (var (kind, samples) in kinds)
{
    var distinct = samples.DistinctBy(Convert.ToBase64String).ToList();
    // Both line-end forms of one item stay on the same side of the split.
    var held = distinct.Where((_, i) => i / 2 % 4 == 3).ToList();
    var rest = distinct.Where((_, i) => i / 2 % 4 != 3).ToList();
    var best = capacities
        .Select(c => (Capacity: c, Bytes: Train(rest, c) is { } d ? Stored(d, held) : long.MaxValue))
        .OrderBy(r => r.Bytes)
        .First();
    foreach (var c in capacities)
    {
        Console.WriteLine($"{kind}: {c}-byte dictionary stores the held-out {held.Count} items in {(Train(rest, c) is { } d ? Stored(d, held) : -1)} bytes");
    }

    var dictionary = Train(distinct, best.Capacity) ?? throw new InvalidOperationException($"{kind}: training failed");
    File.WriteAllBytes(Path.Combine(output, kind + ".zdict"), dictionary);
    Console.WriteLine($"{kind}: {distinct.Count} samples, {distinct.Sum(s => s.Length)} bytes -> {dictionary.Length}-byte dictionary");
}

static byte[]? Train(List<byte[]> samples, int capacity)
{
    try
    {
        var parameters = new ZstdSharp.Unsafe.ZDICT_fastCover_params_t { steps = 40, nbThreads = 1, splitPoint = 0.75, zParams = new() { compressionLevel = 3 } };
        return DictBuilder.TrainFromBufferFastCover(samples, parameters, capacity).ToArray();
    }
    catch (ZstdException)
    {
        return null;
    }
}

// As ZstdPayloadCodec stores them: level 3, no magic number, dictionary id, content size or checksum in the frame.
static long Stored(byte[] dictionary, List<byte[]> items)
{
    using var compressor = new Compressor(3);
    compressor.LoadDictionary(dictionary);
    compressor.SetParameter(ZstdSharp.Unsafe.ZSTD_cParameter.ZSTD_c_experimentalParam2, 1);
    compressor.SetParameter(ZstdSharp.Unsafe.ZSTD_cParameter.ZSTD_c_dictIDFlag, 0);
    compressor.SetParameter(ZstdSharp.Unsafe.ZSTD_cParameter.ZSTD_c_contentSizeFlag, 0);
    return items.Sum(i => (long)Math.Min(i.Length, compressor.Wrap(i).Length));
}
