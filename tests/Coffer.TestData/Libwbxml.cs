using System.Xml.Linq;

namespace Coffer.TestData;

/// <summary>
/// libwbxml's command-line tools (Debian libwbxml2-utils) as an independent oracle for WBXML. Note that xml2wbxml
/// writes a DevInf Meta Type "application/vnd.syncml-devinf+xml" as "+wbxml" and wbxml2xml prints "+wbxml" as "+xml".
/// </summary>
public static class Libwbxml
{
    /// <summary>Runs xml2wbxml on an XML file; extra flags such as -n (no string table) or -v 1.2.</summary>
    public static byte[] Xml2Wbxml(string xmlPath, params string[] flags)
    {
        using var dir = new TempDirectory("coffer-wbxml-");
        var output = dir.File("out.wbxml");
        var result = ExternalTool.Run("xml2wbxml", [.. flags, "-o", output, xmlPath]);
        if (result.ExitCode != 0 || !File.Exists(output))
        {
            throw new InvalidOperationException($"xml2wbxml failed ({result.ExitCode}): {result.StdErr}{result.StdOut}");
        }

        return File.ReadAllBytes(output);
    }

    /// <summary>Runs wbxml2xml on WBXML bytes and parses what it prints.</summary>
    public static XDocument Wbxml2Xml(byte[] wbxml)
    {
        using var dir = new TempDirectory("coffer-wbxml-");
        var input = dir.File("in.wbxml");
        var output = dir.File("out.xml");
        File.WriteAllBytes(input, wbxml);
        var result = ExternalTool.Run("wbxml2xml", ["-o", output, input]);
        if (result.ExitCode != 0 || !File.Exists(output))
        {
            throw new InvalidOperationException($"wbxml2xml failed ({result.ExitCode}): {result.StdErr}{result.StdOut}");
        }

        return XDocument.Load(output);
    }
}
