using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Twins.Grains.Commands;
using Twins.Grains.FleetIndex;
using Twins.Silo.Api.Authentication;
using Twins.Testing;

namespace Twins.Silo.Tests.OperationsConsole;

/// <summary>The operations console at / in headless Chromium against a real silo, mosquitto and a paho vehicle.</summary>
public sealed class OperationsConsoleTests(SiloFixture silo) : IClassFixture<SiloFixture>
{
    private const string Thing = "console-car-1";
    private static readonly PageWaitForFunctionOptions Wait = new() { Timeout = 30_000 };

    private string OperatorToken => silo.App.Services.GetRequiredService<ApiTokenIssuer>().IssueToken("console-test", "operator", null, TimeSpan.FromHours(1));

    [Fact]
    public async Task Console_WithoutToken_AsksForOneAndOpensWithIt()
    {
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var page = chromium.Page;

        var response = await page.GotoAsync(silo.BaseAddress.ToString());
        Assert.Equal(200, response!.Status);
        await page.WaitForSelectorAsync("#token-form:not([hidden])");

        await page.FillAsync("#token-input", "Bearer " + OperatorToken);
        await page.ClickAsync("#token-form button[type=submit]");

        await page.WaitForFunctionAsync("() => document.getElementById('status').textContent.startsWith('up to date')", null, Wait);
        Assert.Equal("true", await page.EvaluateAsync<string>("() => String(document.getElementById('token-form').hidden)"));
        Assert.Contains("(this silo)", await page.TextContentAsync("#silos"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Console_ConnectedVehicle_ListedLiveDetailAndUnlockSucceeds()
    {
        var device = PahoDevice.RunAsync(silo.Broker.Port, Thing, Plan.Of(Plan.Subscribe($"$aws/commands/things/{Thing}/executions/+/request/json"), Plan.Connected(1), Plan.Respond("SUCCEEDED")));
        await Poll.UntilAsync(async () => (await silo.Vehicle(Thing).GetConnectionAsync()).Connected, "the vehicle's connected event");
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var page = chromium.Page;
        var external = chromium.RecordExternalRequests(silo.BaseAddress);

        await page.GotoAsync(new Uri(silo.BaseAddress, "/#token=" + OperatorToken).ToString());

        // Cluster, fleet and the vehicle list fill from /metrics and /graphql.
        await page.WaitForFunctionAsync($"() => [...document.querySelectorAll('#vehicle-rows tr')].some(r => r.dataset.thing === '{Thing}' && r.cells[1].textContent === 'yes')", null, Wait);
        Assert.NotEqual("–", await page.TextContentAsync("#fleet-connected"));
        Assert.True(int.Parse(await page.TextContentAsync("#fleet-connected") ?? "0", System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Contains("Active", await page.TextContentAsync("#silos"), StringComparison.Ordinal);
        Assert.DoesNotContain("token=", page.Url, StringComparison.Ordinal);

        // The detail view opens on a click and follows the vehicle live over the WebSocket.
        await page.ClickAsync($"#vehicle-rows tr[data-thing='{Thing}']");
        await page.WaitForFunctionAsync($"() => document.getElementById('detail-name').textContent === '{Thing}' && document.getElementById('detail-live').textContent.includes('live')", null, Wait);
        Assert.StartsWith("Connected since", await page.TextContentAsync("#detail-connection"), StringComparison.Ordinal);

        await page.ClickAsync("[data-command='unlock-doors']");
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('#detail-commands tr')].some(r => r.cells[0].textContent === 'unlock-doors' && r.cells[1].textContent === 'SUCCEEDED')", null, Wait);
        await device;
        await page.WaitForFunctionAsync("() => document.getElementById('command-outcomes').textContent.includes('SUCCEEDED')", null, Wait);
        Assert.Empty(external);
    }

    [Fact]
    public async Task Console_OfflineVehicle_CommandWaitsQueuedAndCancelEndsItCanceled()
    {
        const string Offline = "console-offline-1";
        var now = silo.Time.GetUtcNow();
        await silo.App.Services.GetRequiredService<IFleetIndex>().UpsertVehicleAsync(new FleetVehicleState(Offline, null, false, now, 0, null, now));
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var page = chromium.Page;
        await page.GotoAsync(new Uri(silo.BaseAddress, "/#token=" + OperatorToken).ToString());
        await page.FillAsync("#vehicle-filter", Offline);
        await page.WaitForFunctionAsync($"() => [...document.querySelectorAll('#vehicle-rows tr')].some(r => r.dataset.thing === '{Offline}' && r.cells[1].textContent === 'no')", null, Wait);

        await page.ClickAsync($"#vehicle-rows tr[data-thing='{Offline}']");
        await page.WaitForFunctionAsync($"() => document.getElementById('detail-name').textContent === '{Offline}'", null, Wait);
        await page.ClickAsync("[data-command='horn']");
        await page.WaitForSelectorAsync("#detail-commands button[data-cancel]");
        Assert.Equal("QUEUED", await page.TextContentAsync("#detail-commands tr td:nth-child(2)"));

        await page.ClickAsync("#detail-commands button[data-cancel]");
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('#detail-commands tr')].some(r => r.cells[0].textContent === 'horn' && r.cells[1].textContent === 'CANCELED')", null, Wait);
        Assert.Equal("horn canceled", await page.TextContentAsync("#command-message"));
        Assert.Null(await page.QuerySelectorAsync("#detail-commands button[data-cancel]"));
        var commands = await silo.Vehicle(Offline).GetCommandsAsync();
        Assert.Equal(CommandExecutionStatus.Canceled, Assert.Single(commands).Status);
    }
}
