using System.CommandLine;
using System.Xml;
using System.Xml.Linq;
using Coffer.SyncML;
using Coffer.SyncML.Wbxml;

namespace Coffer.Cli.Commands;

/// <summary><c>coffer syncml decode|encode</c>: for people integrating phones, to read and build SyncML messages.</summary>
internal static class SyncMLCommands
{
    public static Command Create()
    {
        var decodeFile = new Argument<FileInfo>("file") { Description = "a SyncML message, XML or WBXML (detected from its first bytes)" };
        var raw = new Option<bool>("--raw") { Description = "print the decoded tree as is, without checking it against the SyncML model" };
        var decode = new Command("decode", "Decode a SyncML message (XML or WBXML) and print it as indented XML") { decodeFile, raw };
        decode.SetAction(pr => Decode(pr.GetValue(decodeFile)!, pr.GetValue(raw)));

        var encodeFile = new Argument<FileInfo>("file") { Description = "a SyncML message in XML" };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "write the WBXML here instead of standard output" };
        var encode = new Command("encode", "Encode a SyncML (or DevInf) XML message as WBXML") { encodeFile, output };
        encode.SetAction(pr => Encode(pr.GetValue(encodeFile)!, pr.GetValue(output)));

        return new Command("syncml", "Decode and encode SyncML messages") { decode, encode };
    }

    private static int Decode(FileInfo file, bool raw)
    {
        if (!file.Exists)
        {
            return CliErrors.Fail($"{file.FullName}: no such file");
        }

        try
        {
            var bytes = File.ReadAllBytes(file.FullName);
            var doc = IsWbxml(bytes) ? WbxmlDecoder.Decode(bytes) : SyncMLXml.LoadXDocument(bytes);
            if (!raw && doc.Root?.Name.LocalName == "SyncML")
            {
                // Through the model: what is printed is what Coffer understood, so a quirk it drops shows up here.
                doc = SyncMLXml.ToXDocument(SyncMLXml.Read(doc));
            }

            using var writer = XmlWriter.Create(Console.Out, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = false });
            doc.Save(writer);
            writer.Flush();
            Console.Out.WriteLine();
            return CliErrors.Ok;
        }
        catch (SyncMLFormatException ex)
        {
            return CliErrors.Fail($"{file.Name}: {ex.Message}");
        }
    }

    private static int Encode(FileInfo file, FileInfo? output)
    {
        if (!file.Exists)
        {
            return CliErrors.Fail($"{file.FullName}: no such file");
        }

        try
        {
            XDocument doc = SyncMLXml.LoadXDocument(File.ReadAllBytes(file.FullName));
            var wbxml = WbxmlEncoder.Encode(doc);
            if (output != null)
            {
                File.WriteAllBytes(output.FullName, wbxml);
            }
            else
            {
                using var stdout = Console.OpenStandardOutput();
                stdout.Write(wbxml);
            }

            return CliErrors.Ok;
        }
        catch (SyncMLFormatException ex)
        {
            return CliErrors.Fail($"{file.Name}: {ex.Message}");
        }
    }

    /// <summary>WBXML starts with a version byte 0x01–0x03; XML with '&lt;', a BOM or white space.</summary>
    private static bool IsWbxml(byte[] bytes) => bytes.Length > 0 && bytes[0] is >= 0x01 and <= 0x03;
}
