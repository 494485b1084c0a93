using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Twins.Grains.Commands;
using Twins.Grains.FleetIndex;
using Twins.Grains.Telemetry;
using Twins.Grains.Interfaces.Vehicles;
using Twins.Silo.Api.Authentication;
using Twins.Testing;

namespace Twins.Silo.Tests.OperationsConsole;

/// <summary>The operations console at / in headless Chromium against a real silo, mosquitto and a paho vehicle.</summary>
[Collection(Observability.ProcessMetricsTests.Name)]
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

    [Fact]
    public async Task Console_VehicleHeardSinceItWasIndexed_ListShowsItsOwnLastSeenAndFleetWideCommandOutcomes()
    {
        const string Heard = "console-heard-1";
        const string Queued = "console-queued-1";
        var vehicle = silo.Vehicle(Heard);
        var first = silo.Time.GetUtcNow();
        await vehicle.RecordTelemetryAsync(new TelemetrySample(first, 1, [new TelemetrySignal("speed", TelemetryValue.FromNumber(10))]));
        // Heard again within the index's refresh period: the index keeps the first time, the vehicle the second.
        silo.Time.Advance(TimeSpan.FromSeconds(10));
        await vehicle.RecordTelemetryAsync(new TelemetrySample(silo.Time.GetUtcNow(), 2, [new TelemetrySignal("speed", TelemetryValue.FromNumber(20))]));
        var heard = (await vehicle.GetConnectionAsync()).LastSeen!.Value;
        Assert.NotEqual(first, heard);
        // A command on a vehicle the list will not show.
        await silo.Vehicle(Queued).SendCommandAsync(new CommandRequest("console-queued-exec", "horn", null, silo.Time.GetUtcNow().AddHours(1)));

        await using var chromium = await HeadlessChromium.LaunchAsync();
        var page = chromium.Page;
        await page.GotoAsync(new Uri(silo.BaseAddress, "/#token=" + OperatorToken).ToString());
        await page.FillAsync("#vehicle-filter", Heard);
        await page.WaitForFunctionAsync($"() => [...document.querySelectorAll('#vehicle-rows tr')].length === 1 && document.querySelector('#vehicle-rows tr').dataset.thing === '{Heard}'", null, Wait);

        var expected = await page.EvaluateAsync<string>("iso => new Date(iso).toLocaleTimeString()", heard.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected, await page.TextContentAsync($"#vehicle-rows tr[data-thing='{Heard}'] td:nth-child(3)"));
        await page.WaitForFunctionAsync("() => document.getElementById('command-outcomes').textContent.includes('QUEUED')", null, Wait);
    }

    [Theory]
    [InlineData("not-a-token", "That is not a token")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln", "That is not a token")]
    public async Task Console_MalformedTokenInFragment_SaysSoAndOpensWithANewOne(string token, string message)
    {
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var page = chromium.Page;

        await page.GotoAsync(new Uri(silo.BaseAddress, "/#token=" + Uri.EscapeDataString(token)).ToString());

        await page.WaitForSelectorAsync("#token-form:not([hidden])");
        Assert.Contains(message, await page.TextContentAsync("#token-error"), StringComparison.Ordinal);
        Assert.True(await page.IsHiddenAsync("#console"));
        await page.FillAsync("#token-input", OperatorToken);
        await page.ClickAsync("#token-form button[type=submit]");
        await page.WaitForFunctionAsync("() => document.getElementById('status').textContent.startsWith('up to date')", null, Wait);
        Assert.True(await page.IsHiddenAsync("#token-form"));
    }

    [Fact]
    public async Task Console_ExpiredTokenInFragment_SaysItExpiredAndAsksForANewOne()
    {
        // Issued three hours ago (by the silo's own key) for one hour.
        var issuedEarlier = new ApiTokenIssuer(
            silo.App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ApiAuthenticationOptions>>(),
            silo.App.Services.GetRequiredService<ApiSigningKey>(),
            new ManualTimeProvider(silo.Time.GetUtcNow().AddHours(-3)));
        var expired = issuedEarlier.IssueToken("console-test", "operator", null, TimeSpan.FromHours(1));
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var page = chromium.Page;

        await page.GotoAsync(new Uri(silo.BaseAddress, "/#token=" + expired).ToString());

        await page.WaitForSelectorAsync("#token-form:not([hidden])", new PageWaitForSelectorOptions { Timeout = 30_000 });
        Assert.Contains("The token expired at", await page.TextContentAsync("#token-error"), StringComparison.Ordinal);
        Assert.True(await page.IsHiddenAsync("#console"));
        // Forgotten: a reload asks again instead of retrying the refused token.
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('twins.console.token')"));
    }

    [Fact]
    public async Task Console_ApiUnreachableForAWhile_ShowsBannerKeepsThePageAndRecovers()
    {
        const string Thing = "console-banner-1";
        var now = silo.Time.GetUtcNow();
        await silo.App.Services.GetRequiredService<IFleetIndex>().UpsertVehicleAsync(new FleetVehicleState(Thing, null, false, now, 0, null, now));
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var page = chromium.Page;
        await page.GotoAsync(new Uri(silo.BaseAddress, "/#token=" + OperatorToken).ToString());
        await page.FillAsync("#vehicle-filter", Thing);
        await page.WaitForFunctionAsync($"() => [...document.querySelectorAll('#vehicle-rows tr')].some(r => r.dataset.thing === '{Thing}')", null, Wait);

        // The network between browser and silo fails (as when a load balancer drops the silo).
        await page.RouteAsync("**/graphql", route => route.AbortAsync());
        await page.WaitForSelectorAsync("#error-banner:not([hidden])", new PageWaitForSelectorOptions { Timeout = 30_000 });
        Assert.Contains("The API call failed", await page.TextContentAsync("#error-banner"), StringComparison.Ordinal);
        Assert.True(await page.IsVisibleAsync("#console"));
        Assert.NotNull(await page.QuerySelectorAsync($"#vehicle-rows tr[data-thing='{Thing}']"));

        await page.UnrouteAsync("**/graphql");
        await page.WaitForSelectorAsync("#error-banner", new PageWaitForSelectorOptions { State = WaitForSelectorState.Hidden, Timeout = 30_000 });
        await page.WaitForFunctionAsync("() => document.getElementById('status').textContent.startsWith('up to date')", null, Wait);
    }

    [Fact]
    public async Task Console_DesiredStateNotYetApplied_DetailShowsTheDelta()
    {
        const string Pending = "console-delta-1";
        var now = silo.Time.GetUtcNow();
        await silo.App.Services.GetRequiredService<IFleetIndex>().UpsertVehicleAsync(new FleetVehicleState(Pending, null, false, now, 0, null, now));
        var written = await silo.Vehicle(Pending).UpdateDesiredAsync(null, """{"climate":"on"}""", null, null);
        Assert.True(written.Accepted);
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var page = chromium.Page;
        await page.GotoAsync(new Uri(silo.BaseAddress, "/#token=" + OperatorToken).ToString());
        await page.FillAsync("#vehicle-filter", Pending);
        await page.WaitForFunctionAsync($"() => [...document.querySelectorAll('#vehicle-rows tr')].some(r => r.dataset.thing === '{Pending}')", null, Wait);

        await page.ClickAsync($"#vehicle-rows tr[data-thing='{Pending}']");

        await page.WaitForFunctionAsync($"() => document.getElementById('detail-name').textContent === '{Pending}' && document.getElementById('detail-delta').textContent.includes('climate')", null, Wait);
        Assert.Contains("\"on\"", await page.TextContentAsync("#detail-delta"), StringComparison.Ordinal);
        Assert.Equal("No rotation yet.", await page.TextContentAsync("#detail-rotation"));
    }
}
