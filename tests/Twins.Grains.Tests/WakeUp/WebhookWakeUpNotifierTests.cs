using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Twins.Grains.WakeUp;

namespace Twins.Grains.Tests.WakeUp;

/// <summary>The webhook notifier against a real Kestrel endpoint that fails the first attempts.</summary>
public sealed class WebhookWakeUpNotifierTests : IAsyncLifetime
{
    private readonly List<JsonObject> _bodies = [];
    private WebApplication _app = null!;
    private int _failuresLeft;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/wake", async (HttpContext context) =>
        {
            var body = (JsonObject)(await JsonNode.ParseAsync(context.Request.Body))!;
            lock (_bodies)
            {
                _bodies.Add(body);
            }

            return Interlocked.Decrement(ref _failuresLeft) >= 0 ? Results.StatusCode(503) : Results.Accepted();
        });
        await _app.StartAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Uri Url => new(new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()), "/wake");

    private WebhookWakeUpNotifier Notifier(HttpClient http, int retries) => new(
        http,
        Options.Create(new WebhookWakeUpOptions { WebhookUrl = Url, MaxRetries = retries, RetryDelay = TimeSpan.FromMilliseconds(1) }),
        TimeProvider.System,
        NullLogger<WebhookWakeUpNotifier>.Instance);

    [Fact]
    public async Task RequestWakeUpAsync_ServerFailsTwice_RetriedUntilAcceptedWithTheVehicleAndExecution()
    {
        _failuresLeft = 2;
        using var http = new HttpClient();

        await Notifier(http, retries: 3).RequestWakeUpAsync("car-7", "exec-9");

        Assert.Equal(3, _bodies.Count);
        Assert.All(_bodies, b => Assert.Equal(("car-7", "exec-9"), ((string?)b["thingName"], (string?)b["executionId"])));
    }

    [Fact]
    public async Task RequestWakeUpAsync_ServerKeepsFailing_GivesUpAfterTheRetriesWithoutThrowing()
    {
        _failuresLeft = 100;
        using var http = new HttpClient();

        await Notifier(http, retries: 2).RequestWakeUpAsync("car-7", "exec-9");

        Assert.Equal(3, _bodies.Count);
    }
}
