using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Twins.Grains.FleetIndex;
using Twins.Silo.Hosting;
using Twins.Testing;

namespace Twins.Silo.Tests.Api;

/// <summary>
/// A real silo for the authentication tests: HTTP on 127.0.0.1:0, its data in a temp folder, no gateway (no broker
/// needed), on a manual clock that starts at the real time so tokens from <c>./twins token</c> are current, and
/// one vehicle in the fleet index that only an authenticated caller sees.
/// </summary>
internal sealed class ApiSilo : IAsyncDisposable
{
    public const string Vehicle = "auth-visible-1";

    private ApiSilo(WebApplication app, string data, ManualTimeProvider time)
    {
        App = app;
        DataDirectory = data;
        Time = time;
    }

    public WebApplication App { get; }

    public string DataDirectory { get; }

    public ManualTimeProvider Time { get; }

    public Uri BaseAddress => new(App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

    public Uri WebSocketAddress => new UriBuilder(BaseAddress) { Scheme = "ws", Path = "/graphql" }.Uri;

    public static async Task<ApiSilo> StartAsync(params string[] settings)
    {
        var data = Directory.CreateTempSubdirectory("twins-auth-").FullName;
        var time = new ManualTimeProvider(TimeProvider.System.GetUtcNow());
        var app = SiloApplication.Build(
            ["--urls", "http://127.0.0.1:0", "--Twins:DataDirectory", data, "--Gateway:Enabled", "false", "--Logging:LogLevel:Default", "Warning", .. settings],
            services => services.AddSingleton<TimeProvider>(time));
        var silo = new ApiSilo(app, data, time);
        try
        {
            await app.StartAsync();
            var now = time.GetUtcNow();
            await app.Services.GetRequiredService<IFleetIndex>().UpsertVehicleAsync(new FleetVehicleState(Vehicle, null, true, now, 1, null, now));
            return silo;
        }
        catch
        {
            // A start that failed (a setting refused on start) has nothing to stop: Orleans refuses to stop a silo that
            // never ran, which would hide the start-up error.
            await app.DisposeAsync();
            Directory.Delete(data, recursive: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
