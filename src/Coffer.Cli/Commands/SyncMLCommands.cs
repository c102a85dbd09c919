using System.CommandLine;
using System.Xml;
using System.Xml.Linq;
using Coffer.Cli.Inspection;
using Coffer.SyncML;
using Coffer.SyncML.Wbxml;

namespace Coffer.Cli.Commands;

/// <summary><c>coffer syncml decode|encode</c>: for people integrating phones, to read and build SyncML messages.</summary>
internal static class SyncMLCommands
{
    public static Command Create()
    {
        var decodeFile = new Argument<FileInfo>("file") { Description = "a SyncML message, XML or WBXML (detected from its first bytes)" };
        var model = new Option<bool>("--model") { Description = "print the message as Coffer's SyncML model reads it, instead of exactly as encoded" };
        var decode = new Command("decode", "Decode a SyncML message (XML or WBXML) and print it as indented XML, exactly as encoded") { decodeFile, model };
        decode.SetAction(pr => Decode(pr.GetValue(decodeFile)!, pr.GetValue(model), pr.InvocationConfiguration));

        var encodeFile = new Argument<FileInfo>("file") { Description = "a SyncML message in XML" };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "write the WBXML here instead of standard output" };
        var keepType = new Option<bool>("--keep-devinf-type")
        {
            Description = "write a Meta Type application/vnd.syncml-devinf+xml as given (by default it becomes +wbxml, as the nested DevInf does)",
        };
        var encode = new Command("encode", "Encode a SyncML (or DevInf) XML message as WBXML") { encodeFile, output, keepType };
        encode.SetAction(pr => Encode(pr.GetValue(encodeFile)!, pr.GetValue(output), pr.GetValue(keepType), pr.InvocationConfiguration));

        return new Command("syncml", "Decode and encode SyncML messages") { decode, encode };
    }

    private static int Decode(FileInfo file, bool model, InvocationConfiguration io)
    {
        if (!file.Exists)
        {
            return CliErrors.Fail(io.Error, $"{file.FullName}: no such file");
        }

        try
        {
            var message = SyncMLInspector.Decode(File.ReadAllBytes(file.FullName));
            foreach (var warning in message.Warnings)
            {
                CliErrors.Warn(io.Error, $"{file.Name}: {warning}");
            }

            var doc = model ? SyncMLInspector.ThroughModel(message.Document) : message.Document;
            using (var writer = XmlWriter.Create(io.Output, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = false }))
            {
                doc.Save(writer);
            }

            io.Output.WriteLine();
            return CliErrors.Ok;
        }
        catch (SyncMLFormatException ex)
        {
            return CliErrors.Fail(io.Error, $"{file.Name}: {ex.Message}");
        }
        catch (ArgumentException ex)
        {
            // Loose WBXML keeps characters XML 1.0 cannot hold (docs/wbxml.md); XmlWriter refuses to print them.
            return CliErrors.Fail(io.Error, $"{file.Name}: cannot be printed as XML: {ex.Message}");
        }
    }

    private static int Encode(FileInfo file, FileInfo? output, bool keepDevInfType, InvocationConfiguration io)
    {
        if (!file.Exists)
        {
            return CliErrors.Fail(io.Error, $"{file.FullName}: no such file");
        }

        try
        {
            XDocument doc = SyncMLXml.LoadXDocument(File.ReadAllBytes(file.FullName));
            var wbxml = WbxmlEncoder.Encode(doc, new WbxmlEncodeOptions { RewriteDevInfMetaType = !keepDevInfType });
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
            return CliErrors.Fail(io.Error, $"{file.Name}: {ex.Message}");
        }
    }
}
