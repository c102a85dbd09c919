using System.Text;
using System.Xml.Linq;
using BenchmarkDotNet.Attributes;
using Coffer.SyncML;
using Coffer.SyncML.Wbxml;

namespace Coffer.Bench;

/// <summary>One benchmark per operation on a 100-item Sync message (the size of a typical slow-sync message).</summary>
[MemoryDiagnoser]
public class SyncMLBenchmarks
{
    private byte[] xml = [];
    private byte[] wbxml = [];
    private XDocument document = new();
    private SyncMLMessage model = new();

    [GlobalSetup]
    public void Setup()
    {
        xml = Encoding.UTF8.GetBytes(BenchData.SyncMessage(100));
        document = SyncMLXml.LoadXDocument(xml);
        model = SyncMLXml.Read(document);
        wbxml = WbxmlEncoder.Encode(document);
    }

    [Benchmark(Description = "XML parse (bytes -> model)")]
    public SyncMLMessage XmlParse() => SyncMLXml.Parse(xml);

    [Benchmark(Description = "XML write (model -> bytes)")]
    public byte[] XmlWrite() => SyncMLXml.ToUtf8Bytes(model);

    [Benchmark(Description = "WBXML decode (bytes -> tree)")]
    public XDocument WbxmlDecode() => WbxmlDecoder.Decode(wbxml);

    [Benchmark(Description = "WBXML encode (tree -> bytes)")]
    public byte[] WbxmlEncode() => WbxmlEncoder.Encode(document);

    [Benchmark(Description = "WBXML decode + read model")]
    public SyncMLMessage WbxmlToModel() => SyncMLXml.Read(WbxmlDecoder.Decode(wbxml));
}
