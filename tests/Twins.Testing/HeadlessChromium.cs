using Microsoft.Playwright;

namespace Twins.Testing;

/// <summary>Debian's Chromium driven by Playwright, headless, with a fresh profile deleted on dispose.</summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    /// <summary>Where Debian's chromium package puts the browser (./twins test installs it).</summary>
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private readonly IPlaywright _playwright;
    private readonly IBrowserContext _browser;
    private readonly DirectoryInfo _profile;

    private HeadlessChromium(IPlaywright playwright, IBrowserContext browser, DirectoryInfo profile, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        _profile = profile;
        Page = page;
    }

    /// <summary>The browser's first tab.</summary>
    public IPage Page { get; }

    /// <summary>Starts Chromium with a fresh user data directory.</summary>
    public static async Task<HeadlessChromium> LaunchAsync()
    {
        Assert.True(File.Exists(ExecutablePath), "Chromium is missing: ./twins test installs it (apt-get install -y chromium).");
        var profile = Directory.CreateTempSubdirectory("twins-chromium");
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchPersistentContextAsync(profile.FullName, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = Arguments,
            });
            var page = browser.Pages.Count > 0 ? browser.Pages[0] : await browser.NewPageAsync();
            return new HeadlessChromium(playwright, browser, profile, page);
        }
        catch
        {
            playwright.Dispose();
            profile.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>Collects requests that leave <paramref name="origin"/> (a page must not reach a CDN).</summary>
    public IReadOnlyList<string> RecordExternalRequests(Uri origin)
    {
        var external = new List<string>();
        Page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(origin.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal)
                && !request.Url.StartsWith(origin.GetLeftPart(UriPartial.Authority).Replace("http", "ws", StringComparison.Ordinal), StringComparison.Ordinal))
            {
                lock (external)
                {
                    external.Add(request.Url);
                }
            }
        };
        return external;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        try
        {
            _profile.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be writing its profile; a leftover temp folder is harmless.
        }
    }
}
