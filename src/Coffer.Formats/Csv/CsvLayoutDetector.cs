namespace Coffer.Formats.Csv;

/// <summary>Recognizes the layout from the header row's column names.</summary>
public static class CsvLayoutDetector
{
    public static CsvLayout? Detect(IReadOnlyList<string> header)
    {
        var names = new HashSet<string>(header.Select(h => h.Trim()), StringComparer.OrdinalIgnoreCase);
        var googleStyle = names.Any(n => n.StartsWith("E-mail 1 - ", StringComparison.OrdinalIgnoreCase) || n.StartsWith("Phone 1 - ", StringComparison.OrdinalIgnoreCase));
        if (googleStyle || names.Contains("Group Membership") || names.Contains("Labels"))
        {
            // The legacy export names the person "Given Name"/"Family Name"; the current one "First Name"/"Last Name".
            if (names.Contains("Given Name") || names.Contains("Family Name") || names.Contains("Group Membership") || names.Contains("E-mail 1 - Type"))
            {
                return CsvLayout.GoogleLegacy;
            }

            return CsvLayout.Google;
        }

        if (names.Contains("E-mail Address") || names.Contains("Business Phone") || names.Contains("Home Phone") || names.Contains("Mobile Phone")
            || names.Contains("Job Title") || (names.Contains("First Name") && names.Contains("Last Name")))
        {
            return CsvLayout.Outlook;
        }

        return null;
    }
}
