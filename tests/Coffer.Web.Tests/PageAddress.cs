using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Coffer.Web.Tests;

/// <summary>
/// Waits until a page shows an address and has loaded it. Playwright's own WaitForURLAsync checks the address and then
/// subscribes to the load event; an event delivered in between is lost and the wait runs into its timeout
/// (microsoft/playwright-dotnet#3364). The address and the load states a page reached are kept as state, so polling
/// them cannot miss one.
/// </summary>
public static class PageAddress
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    /// <summary>Waits for an address matching a Playwright glob: <c>**</c> any text, <c>*</c> any text but a slash.</summary>
    public static Task WaitForAddressAsync(this IPage page, string glob)
    {
        var pattern = GlobToRegex(glob);
        return page.WaitForAddressAsync(url => pattern.IsMatch(url), glob);
    }

    public static Task WaitForAddressAsync(this IPage page, Func<string, bool> match) =>
        page.WaitForAddressAsync(match, "a matching address");

    private static async Task WaitForAddressAsync(this IPage page, Func<string, bool> match, string what)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!match(page.Url))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The page stayed at {page.Url}, waiting for {what}.");
            }

            await Task.Delay(50);
        }

        while (true)
        {
            try
            {
                await page.WaitForLoadStateAsync(LoadState.Load, new() { Timeout = 1000 });
                return;
            }
            catch (TimeoutException) when (DateTime.UtcNow < deadline)
            {
            }
        }
    }

    private static Regex GlobToRegex(string glob)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < glob.Length; i++)
        {
            if (glob[i] != '*')
            {
                regex.Append(Regex.Escape(glob[i].ToString()));
            }
            else if (i + 1 < glob.Length && glob[i + 1] == '*')
            {
                regex.Append(".*");
                i++;
            }
            else
            {
                regex.Append("[^/]*");
            }
        }

        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}
