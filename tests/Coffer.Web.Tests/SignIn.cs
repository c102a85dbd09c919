using Microsoft.Playwright;

namespace Coffer.Web.Tests;

/// <summary>Signs a page in through the real sign-in form.</summary>
public static class SignIn
{
    public static async Task AsAsync(IPage page, string user, string password)
    {
        await page.GotoAsync("/account/signin");
        await page.GetByLabel("User name").FillAsync(user);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForAddressAsync(url => !url.Contains("/account/signin", StringComparison.Ordinal));
    }
}
